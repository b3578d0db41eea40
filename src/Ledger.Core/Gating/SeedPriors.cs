using Ledger.Core.Fitting;

namespace Ledger.Core.Gating;

/// <summary>
/// The seed-variance priors a verb works with, one per metric: the prior the user stated (--seed-sd) for every metric,
/// else one pooled over the fits at hand whose metric matches (see <see cref="SeedVariancePrior.Pooled"/>). Seed
/// variances are pooled only within a metric: a pass rate and a loss do not share a spread.
/// </summary>
public sealed class SeedPriors
{
    private readonly Dictionary<string, SeedVariancePrior> _byMetric;
    private readonly SeedVariancePrior? _stated;

    private SeedPriors(Dictionary<string, SeedVariancePrior> byMetric, SeedVariancePrior? stated)
    {
        _byMetric = byMetric;
        _stated = stated;
    }

    public static SeedPriors None { get; } = new([], null);

    /// <summary>
    /// Pools the seed spreads of <paramref name="fits"/> (identified fits of two or more runs, each distinct input once,
    /// since one fit recorded on many snapshots is one measurement), unless <paramref name="statedSeedSd"/> is given.
    /// </summary>
    public static SeedPriors From(IEnumerable<CurveFit> fits, double? statedSeedSd)
    {
        ArgumentNullException.ThrowIfNull(fits);
        if (statedSeedSd is { } sd)
            return new SeedPriors([], SeedVariancePrior.Stated(sd));
        var byMetric = fits
            .Where(f => f.Status == FitStatus.Ok && f.Seeds is not null)
            .DistinctBy(f => f.InputDigest)
            .GroupBy(f => f.Metric ?? "", StringComparer.Ordinal)
            .Select(g => (Metric: g.Key, Prior: SeedVariancePrior.Pooled(g.Select(f => f.Seeds!).ToList())))
            .Where(x => x.Prior is not null)
            .ToDictionary(x => x.Metric, x => x.Prior!, StringComparer.Ordinal);
        return new SeedPriors(byMetric, null);
    }

    public SeedVariancePrior? For(string? metric) => _stated ?? _byMetric.GetValueOrDefault(metric ?? "");
}
