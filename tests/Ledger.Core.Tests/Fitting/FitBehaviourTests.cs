using Ledger.Core.Fitting;
using Ledger.Core.Tests.Support;

namespace Ledger.Core.Tests.Fitting;

public class FitBehaviourTests
{
    private static readonly SigmoidTruth Truth = new(R0: 0.05, A: 0.75, B: 1.8, CMid: 2000);
    private static readonly double[] Compute = SigmoidTruth.LogSpaced(100, 40000, 25);

    [Fact]
    public void Planning_gives_the_compute_where_the_curve_has_gone_95_percent_of_the_way()
    {
        var fit = CurveFitter.Fit("plan", FitData.FromPoints(Compute, Compute.Select(Truth.At).ToArray()), new FitOptions());

        // s(C) = 0.95 where (C_mid / C)^B = 1/19: C = C_mid 19^(1/B).
        Assert.Equal(2000 * Math.Pow(19, 1 / 1.8), fit.Planning!.Compute, 1e-6 * fit.Planning.Compute);
        Assert.Equal(0.95, fit.Planning.Fraction);
    }

    [Fact]
    public void A_falling_metric_fits_with_A_below_R0_and_a_point_at_zero_compute_is_the_start()
    {
        var falling = new SigmoidTruth(R0: 2.5, A: 1.2, B: 1.3, CMid: 500);
        double[] compute = [0, .. SigmoidTruth.LogSpaced(20, 20000, 20)];
        var fit = CurveFitter.Fit("loss", FitData.FromPoints(compute, falling.DrawAdditive(compute, 0.01, seed: 3)), new FitOptions());

        Assert.Equal(FitStatus.Ok, fit.Status);
        Assert.Equal(1.2, fit.Parameter("A")!.Value, 0.03);
        Assert.Equal(2.5, fit.Parameter("R0")!.Value, 0.03);
        Assert.True(fit.ProfileInterval.Contains(1.2));
    }

    [Fact]
    public void Three_or_more_seeds_are_fitted_as_one_curve_and_bootstrapped_by_whole_runs()
    {
        var runs = Enumerable.Range(1, 4)
            .Select(seed => (Name: $"seed{seed}", Reward: (Truth with { A = Truth.A + 0.01 * (seed - 2.5) }).DrawAdditive(Compute, 0.005, seed)))
            .ToList();
        var data = new FitData(
            runs.Select(r => r.Name).ToList(),
            runs.SelectMany(_ => Compute).ToArray(),
            runs.SelectMany(r => r.Reward).ToArray(),
            runs.SelectMany((_, index) => Enumerable.Repeat(index, Compute.Length)).ToArray());

        var fit = CurveFitter.Fit("seeds", data, new FitOptions());

        Assert.Equal(4, fit.RunCount);
        Assert.Equal(100, fit.PointCount);
        Assert.Equal("runs", fit.Bootstrap!.Method);
        Assert.Equal(Truth.A, fit.Parameter("A")!.Value, 0.02);
        // The seed-to-seed spread of A (0.01 per seed) is what the run bootstrap must see: its interval is wider
        // than the Wald interval, which only sees the point noise.
        Assert.True(fit.BootstrapInterval.Width > fit.Parameter("A")!.Interval.Width);
    }

    [Fact]
    public void The_same_points_and_options_give_bit_identical_fits_and_another_seed_of_noise_does_not()
    {
        var reward = Truth.DrawAdditive(Compute, 0.007, seed: 11);
        var options = new FitOptions { PredictAt = 1e5 };
        var first = CurveFitter.Fit("det", FitData.FromPoints(Compute, reward), options);
        var second = CurveFitter.Fit("det", FitData.FromPoints((double[])Compute.Clone(), (double[])reward.Clone()), options);

        Assert.Equal(first.InputDigest, second.InputDigest);
        Assert.Equal(first.Bootstrap!.Seed, second.Bootstrap!.Seed);
        Assert.Equal(Bits(first), Bits(second));

        reward[0] += 1e-12;
        var moved = CurveFitter.Fit("det", FitData.FromPoints(Compute, reward), options);
        Assert.NotEqual(first.InputDigest, moved.InputDigest);
        Assert.NotEqual(first.Bootstrap.Seed, moved.Bootstrap!.Seed);
    }

    [Fact]
    public void A_bound_on_the_metric_makes_an_interval_that_reaches_it_unidentified()
    {
        // A pass rate climbing to 0.99 with only the bend observed: without the bound the fit may be ok, with
        // --reward-max 1 an interval on A that touches 1 cannot be trusted.
        var nearOne = new SigmoidTruth(R0: 0.1, A: 0.99, B: 1.2, CMid: 3000);
        var compute = SigmoidTruth.LogSpaced(300, 30000, 12);
        var reward = nearOne.DrawAdditive(compute, 0.02, seed: 5);
        var fit = CurveFitter.Fit("pass", FitData.FromPoints(compute, reward), new FitOptions { RewardMax = 1 });

        Assert.Equal(FitStatus.Unidentified, fit.Status);
        Assert.Contains("bound", fit.Reason);
    }

    [Fact]
    public void Too_few_points_and_power_laws_at_zero_are_explained_not_guessed()
    {
        var few = CurveFitter.Fit("few", FitData.FromPoints([1, 2, 3, 4, 5], [0.1, 0.2, 0.3, 0.35, 0.4]), new FitOptions());
        Assert.Equal(FitStatus.Unidentified, few.Status);
        Assert.Contains("too few points", few.Reason);
        Assert.Empty(few.Parameters);

        var zero = CurveFitter.Fit("zero", FitData.FromPoints([0, 1, 2, 3, 4, 5], [5, 4, 3, 2.5, 2.2, 2]), new FitOptions { Model = CurveModelKind.Power });
        Assert.Equal(FitStatus.Failed, zero.Status);
        Assert.Contains("X > 0", zero.Reason);
    }

    private static long[] Bits(CurveFit fit) =>
        fit.Parameters.SelectMany(p => new[] { p.Value, p.StandardError, p.Interval.Lower, p.Interval.Upper })
            .Concat([fit.Sse, fit.ProfileInterval.Lower, fit.ProfileInterval.Upper, fit.BootstrapInterval.Lower, fit.BootstrapInterval.Upper,
                fit.Prediction!.Value, fit.Prediction.Bootstrap.Lower, fit.Planning!.Compute])
            .Select(BitConverter.DoubleToInt64Bits).ToArray();
}
