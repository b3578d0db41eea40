using Ledger.Core.Fitting;

namespace Ledger.Core.Gating;

/// <summary>What an uncertainty on A (or a window mean) rests on.</summary>
public enum UncertaintyBasis
{
    /// <summary>The spread between the recipe's own seeds, on seeds - 1 degrees of freedom.</summary>
    Seeds,
    /// <summary>The seeds' spread moderated toward the ledger's prior for the metric.</summary>
    ModeratedSeeds,
    /// <summary>One seed: the prior's seed variance alone.</summary>
    Prior,
    /// <summary>One seed and no prior: only the noise within the run is known, not how far another seed would land.</summary>
    WithinRun,
}

/// <summary>A quantity measured on a recipe's seeds (A, or the metric over a window), with the uncertainty of its mean over the seeds.</summary>
public sealed record SeedLevelEstimate(double Value, double StandardError, double DegreesOfFreedom, UncertaintyBasis Basis, int Seeds)
{
    /// <summary>False when nothing says how far another seed would land: no test of a change can claim significance.</summary>
    public bool KnowsSeedVariance => Basis != UncertaintyBasis.WithinRun;

    /// <summary>The two-sided t interval at <paramref name="level"/>.</summary>
    public Interval Interval(double level)
    {
        var half = TDistribution.Quantile(DegreesOfFreedom, 0.5 + level / 2) * StandardError;
        return new Interval(Value - half, Value + half);
    }

    /// <summary>What the interval rests on, for people: "3 seeds, moderated (pooled over 14 recipes)".</summary>
    public string Describe(SeedVariancePrior? prior) => Basis switch
    {
        UncertaintyBasis.Seeds => $"{Seeds} seeds",
        UncertaintyBasis.ModeratedSeeds => $"{Seeds} seeds, moderated ({prior?.Source})",
        UncertaintyBasis.Prior => $"1 seed, seed spread from the prior ({prior?.Source})",
        _ => "1 seed, within-run noise only: seed-to-seed spread unknown",
    };

    /// <summary>
    /// Combines what is known of the seeds: the recipe's own spread (null with one seed), the prior (null without one),
    /// and, for one seed, the variance its points alone give, a floor the prior may not go under (a run's own noise is
    /// part of how far another seed would land). With several seeds their spread already holds the noise within runs.
    /// </summary>
    public static SeedLevelEstimate Of(double value, int seeds, SeedSpread? own, SeedVariancePrior? prior, double pointVariance, double pointDegreesOfFreedom)
    {
        var (seedVariance, degrees, basis) = (own, prior) switch
        {
            ({ } o, { } p) => (p.Moderate(o).Variance, p.Moderate(o).DegreesOfFreedom, UncertaintyBasis.ModeratedSeeds),
            ({ } o, null) => (o.Variance, (double)o.DegreesOfFreedom, UncertaintyBasis.Seeds),
            (null, { } p) => (p.Variance, p.DegreesOfFreedom, UncertaintyBasis.Prior),
            _ => (double.NaN, pointDegreesOfFreedom, UncertaintyBasis.WithinRun),
        };
        var floor = seeds == 1 && double.IsFinite(pointVariance) ? pointVariance : 0;
        var variance = basis == UncertaintyBasis.WithinRun ? floor : Math.Max(seedVariance / seeds, floor);
        return new SeedLevelEstimate(value, Math.Sqrt(variance), Math.Max(degrees, 1), basis, seeds);
    }
}

/// <summary>
/// The one rule for how sure Ledger is of a recipe's A, used by the gate, rank, history, the report and curve: the
/// seeds are the unit. With several runs, the spread of A between them (<see cref="CurveFit.Seeds"/>, moderated toward
/// the prior when there is one); with one run, the prior's seed variance, never less than the run's own noise (the
/// fit's autocorrelation-adjusted standard error of A); with neither, only that noise, and the estimate says so.
/// </summary>
public static class AsymptoteUncertainty
{
    /// <summary>
    /// The interval A is read with wherever a fit is shown (rank, history, the report, curve, predict): the recipe's own
    /// seeds, or the stated prior's; the gate prints its own, moderated by the ledger's pooled prior. None when A is not identified.
    /// </summary>
    public static Interval IntervalOf(CurveFit fit, SeedVariancePrior? prior = null) =>
        Of(fit, prior)?.Interval(fit.ConfidenceLevel) ?? Interval.None;

    /// <summary>Null when the fit does not identify A.</summary>
    public static SeedLevelEstimate? Of(CurveFit fit, SeedVariancePrior? prior)
    {
        ArgumentNullException.ThrowIfNull(fit);
        if (fit.IdentifiedAsymptote is not { } a)
            return null;
        return SeedLevelEstimate.Of(a.Value, fit.RunCount, fit.Seeds, prior, a.StandardError * a.StandardError,
            Math.Max(1, fit.PointCount - fit.Parameters.Count));
    }
}
