using Ledger.Core.Fitting;
using Ledger.Core.Reporting;
using MathNet.Numerics;

namespace Ledger.Core.Gating;

/// <summary>
/// What the ledger knows of the seed-to-seed variance of A before looking at one recipe: a variance s0^2 and the
/// degrees of freedom d0 it is worth. A recipe's own spread s^2 on d = k - 1 degrees of freedom is moderated toward
/// it, (d0 s0^2 + d s^2) / (d0 + d), and tested on d0 + d degrees of freedom: the empirical Bayes moderation limma
/// applies to gene-wise variances (Smyth 2004), which shrinks both ways and lets a recipe with one or two seeds borrow
/// the spread that the ledger's other recipes of the same metric show.
/// </summary>
/// <param name="DegreesOfFreedom">d0; positive infinity when the recipes' variances agree so well that the prior is taken as known.</param>
/// <param name="Source">Where it came from, in words: "pooled over 14 recipes" or "--seed-sd 0.01".</param>
public sealed record SeedVariancePrior(double Variance, double DegreesOfFreedom, string Source)
{
    /// <summary>Fewer recipes with a spread than this cannot tell a prior's weight from noise: no prior is estimated.</summary>
    public const int MinimumRecipes = 3;

    /// <summary>
    /// The weight of a seed SD stated by the user (--seed-sd, LedgerSeedSd): worth 20 degrees of freedom, so that it
    /// carries a recipe with few seeds while a recipe with many still speaks for itself.
    /// </summary>
    public const double StatedDegreesOfFreedom = 20;

    public static SeedVariancePrior Stated(double seedSd) =>
        new(seedSd * seedSd, StatedDegreesOfFreedom, $"--seed-sd {NumberFormat.Short(seedSd)}");

    /// <summary>
    /// limma's fitFDist: moments of log s^2, corrected for the log-chi-square's mean and variance at each recipe's
    /// degrees of freedom, give d0 and s0^2. d0 is capped at the pool's own total degrees of freedom: a prior cannot
    /// know more than the data it was estimated from. Null with fewer than <see cref="MinimumRecipes"/> spreads.
    /// </summary>
    public static SeedVariancePrior? Pooled(IReadOnlyList<SeedSpread> spreads)
    {
        ArgumentNullException.ThrowIfNull(spreads);
        var usable = spreads.Where(s => s.DegreesOfFreedom >= 1 && s.Variance > 0 && double.IsFinite(s.Variance)).ToList();
        if (usable.Count < MinimumRecipes)
            return null;
        var corrected = usable
            .Select(s => Math.Log(s.Variance) - SpecialFunctions.DiGamma(s.DegreesOfFreedom / 2.0) + Math.Log(s.DegreesOfFreedom / 2.0))
            .ToList();
        var mean = corrected.Average();
        var spreadOfLogs = corrected.Sum(e => (e - mean) * (e - mean)) / (usable.Count - 1)
                           - usable.Average(s => Polygamma.Trigamma(s.DegreesOfFreedom / 2.0));
        var total = usable.Sum(s => (double)s.DegreesOfFreedom);
        var d0 = spreadOfLogs > 0 ? Math.Min(2 * Polygamma.TrigammaInverse(spreadOfLogs), total) : total;
        var s0Squared = Math.Exp(mean + SpecialFunctions.DiGamma(d0 / 2) - Math.Log(d0 / 2));
        return new SeedVariancePrior(s0Squared, d0, $"pooled over {usable.Count} recipes");
    }

    /// <summary>A recipe's own spread moderated toward this prior, and the degrees of freedom it is then worth.</summary>
    public (double Variance, double DegreesOfFreedom) Moderate(SeedSpread? own) => own is null
        ? (Variance, DegreesOfFreedom)
        : ((DegreesOfFreedom * Variance + own.DegreesOfFreedom * own.Variance) / (DegreesOfFreedom + own.DegreesOfFreedom),
            DegreesOfFreedom + own.DegreesOfFreedom);
}
