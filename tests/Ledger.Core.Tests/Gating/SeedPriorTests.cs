using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace Ledger.Core.Tests.Gating;

/// <summary>
/// The empirical-Bayes prior on seed variances and the margin test, against values known independently: closed forms
/// of the polygamma functions, a prior recovered from variances drawn from it, and t tail areas worked by hand.
/// </summary>
public class SeedPriorTests
{
    [Fact]
    public void Trigamma_and_its_inverse_match_their_closed_forms()
    {
        // psi'(1) = pi^2 / 6, psi'(1/2) = pi^2 / 2, psi'(n + 1) = psi'(n) - 1 / n^2.
        Assert.Equal(Math.PI * Math.PI / 6, Polygamma.Trigamma(1), 11);
        Assert.Equal(Math.PI * Math.PI / 2, Polygamma.Trigamma(0.5), 11);
        Assert.Equal(Math.PI * Math.PI / 6 - 1 - 0.25, Polygamma.Trigamma(3), 11);
        foreach (var x in new[] { 0.3, 1.0, 2.5, 10.0, 80.0 })
            Assert.Equal(x, Polygamma.TrigammaInverse(Polygamma.Trigamma(x)), 6);
    }

    [Fact]
    public void The_pooled_prior_recovers_the_variance_and_weight_the_recipes_were_drawn_from()
    {
        // limma's model: each recipe's true seed variance is s0^2 d0 / chi2(d0), and its estimate on d degrees of freedom
        // is that variance times chi2(d) / d. 20,000 recipes of 3 seeds (d = 2) drawn with s0 = 0.012, d0 = 8. (Over 20 such
        // draws the estimates ranged over d0 6.9 to 9.9 and s0^2 0.96 to 1.03 of the truth, with means 7.97 and 1.000.)
        const double s0Squared = 0.012 * 0.012;
        const double d0 = 8;
        var random = new Xoshiro256StarStar(42, threadSafe: false);
        var prior = new ChiSquared(d0, random);
        var own = new ChiSquared(2, random);
        var spreads = Enumerable.Range(0, 20000)
            .Select(_ => new SeedSpread(s0Squared * d0 / prior.Sample() * own.Sample() / 2, 2))
            .ToList();

        var estimate = SeedVariancePrior.Pooled(spreads)!;

        Assert.True(Math.Abs(estimate.Variance / s0Squared - 1) < 0.05 && estimate.DegreesOfFreedom is > 6 and < 11,
            $"s0^2 {estimate.Variance:E3} (drawn with {s0Squared:E3}), d0 {estimate.DegreesOfFreedom:F2} (drawn with {d0})");
        Assert.Equal("pooled over 20000 recipes", estimate.Source);
    }

    [Fact]
    public void Recipes_that_agree_get_a_prior_worth_no_more_than_their_own_degrees_of_freedom_and_two_recipes_get_none()
    {
        var same = Enumerable.Repeat(new SeedSpread(1e-4, 2), 5).ToList();
        var estimate = SeedVariancePrior.Pooled(same)!;
        Assert.Equal(10, estimate.DegreesOfFreedom);
        Assert.Null(SeedVariancePrior.Pooled(same.Take(2).ToList()));
    }

    [Fact]
    public void Moderation_shrinks_a_recipe_s_own_variance_toward_the_prior_both_ways()
    {
        var prior = new SeedVariancePrior(1e-4, 6, "test");

        Assert.Equal(((6 * 1e-4 + 2 * 4e-4) / 8, 8.0), prior.Moderate(new SeedSpread(4e-4, 2)));
        Assert.Equal(((6 * 1e-4 + 2 * 0.25e-4) / 8, 8.0), prior.Moderate(new SeedSpread(0.25e-4, 2)));
        Assert.Equal((1e-4, 6.0), prior.Moderate(null));
    }

    [Fact]
    public void The_change_is_tested_against_the_tolerance_not_against_zero()
    {
        // Two sides of 4 seeds, seed variance 1e-4 each (SE of each mean 0.005), a drop of 0.04: the excess over the
        // tolerance 0.02 is 0.02 on an SE of sqrt(2) 0.005, t = 2.828, on 6 + 6 degrees of freedom by Welch.
        var before = new SeedLevelEstimate(0.80, 0.005, 6, UncertaintyBasis.Seeds, 4);
        var now = new SeedLevelEstimate(0.76, 0.005, 6, UncertaintyBasis.Seeds, 4);

        var test = ChangeTest.Of(now, before, tolerance: 0.02, lowerIsBetter: false, alpha: 0.05);

        Assert.Equal(-0.04, test.Delta, 12);
        Assert.Equal(0.04, test.Worsening, 12);
        Assert.Equal(Math.Sqrt(2) * 0.005, test.StandardError, 12);
        Assert.Equal(12, test.DegreesOfFreedom, 9);
        Assert.Equal(1 - StudentT.CDF(0, 1, 12, 0.02 / (Math.Sqrt(2) * 0.005)), test.PWorse, 12);
        // A drop exactly at the tolerance is exactly at the null: p = 1/2.
        Assert.Equal(0.5, ChangeTest.Of(now with { Value = 0.78 }, before, 0.02, false, 0.05).PWorse, 12);
        // For a loss, the same numbers are a gain.
        Assert.Equal(-0.04, ChangeTest.Of(now, before, 0.02, lowerIsBetter: true, alpha: 0.05).Worsening, 12);
    }

    [Fact]
    public void Welch_Satterthwaite_weighs_each_side_s_degrees_of_freedom()
    {
        // SE^2 of 1e-4 on 2 df and 4e-4 on 20 df: df = (5e-4)^2 / ((1e-4)^2 / 2 + (4e-4)^2 / 20) = 25e-8 / 1.3e-8.
        var test = ChangeTest.Of(new SeedLevelEstimate(0.7, 0.01, 2, UncertaintyBasis.Seeds, 3), new SeedLevelEstimate(0.7, 0.02, 20, UncertaintyBasis.Seeds, 21),
            0.02, false, 0.05);
        Assert.Equal(25.0 / 1.3, test.DegreesOfFreedom, 9);
    }

    [Fact]
    public void Without_a_seed_variance_on_either_side_no_significance_is_claimed()
    {
        var known = new SeedLevelEstimate(0.8, 0.005, 6, UncertaintyBasis.Seeds, 4);
        var unknown = new SeedLevelEstimate(0.7, 0.004, 25, UncertaintyBasis.WithinRun, 1);

        var test = ChangeTest.Of(unknown, known, 0.02, false, 0.05);

        Assert.False(test.KnowsSeedVariance);
        Assert.True(double.IsNaN(test.PWorse));
        Assert.True(test.Weak);
    }

    [Fact]
    public void One_seed_never_claims_less_uncertainty_than_its_own_points_show()
    {
        var prior = new SeedVariancePrior(1e-6, 10, "tiny");
        var estimate = SeedLevelEstimate.Of(0.8, 1, own: null, prior, pointVariance: 1e-4, pointDegreesOfFreedom: 30);
        Assert.Equal(0.01, estimate.StandardError, 12);
        Assert.Equal(UncertaintyBasis.Prior, estimate.Basis);
    }
}
