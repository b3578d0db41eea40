using Ledger.Core.Fitting;
using Ledger.Core.Ingest;

namespace Ledger.Core.Gating;

/// <summary>
/// The comparison that needs no curve, for when a fit cannot tell A: each seed's median metric over the last third (in
/// log compute) of the compute range both builds cover, the part of the curve nearest the ceiling that both observed.
/// The median, so that one crashed evaluation cannot make a drop. The seeds are the unit here too: the two builds' seed means are compared as A is,
/// moderated toward the prior for the metric's seed variance (a seed's level near the top of its curve strays as its
/// ceiling does).
/// </summary>
public static class ModelFreeComparison
{
    public const double WindowShare = 1.0 / 3;

    /// <summary>The seed means of each side over the common window, or null when the builds share no compute range.</summary>
    public sealed record Outcome(SeedLevelEstimate Now, SeedLevelEstimate Before, double From, double To);

    public static Outcome? Compare(IReadOnlyList<IReadOnlyList<CurvePoint>> nowRuns, IReadOnlyList<IReadOnlyList<CurvePoint>> beforeRuns,
        SeedVariancePrior? prior)
    {
        ArgumentNullException.ThrowIfNull(nowRuns);
        ArgumentNullException.ThrowIfNull(beforeRuns);
        if (Range(nowRuns) is not { } now || Range(beforeRuns) is not { } before)
            return null;
        var (low, high) = (Math.Max(now.Low, before.Low), Math.Min(now.High, before.High));
        if (!(low < high))
            return null;
        var from = Math.Exp(Math.Log(high) - WindowShare * (Math.Log(high) - Math.Log(low)));
        var nowMeans = WindowMedians(nowRuns, from, high);
        var beforeMeans = WindowMedians(beforeRuns, from, high);
        if (nowMeans.Count == 0 || beforeMeans.Count == 0)
            return null;
        return new Outcome(Estimate(nowMeans, prior), Estimate(beforeMeans, prior), from, high);
    }

    private static (double Low, double High)? Range(IReadOnlyList<IReadOnlyList<CurvePoint>> runs)
    {
        var positive = runs.SelectMany(run => run).Where(p => p.Compute > 0).Select(p => p.Compute).ToList();
        return positive.Count == 0 ? null : (positive.Min(), positive.Max());
    }

    private static List<double> WindowMedians(IReadOnlyList<IReadOnlyList<CurvePoint>> runs, double from, double to) =>
        runs.Select(run => run.Where(p => p.Compute >= from && p.Compute <= to).Select(p => p.Reward).ToArray())
            .Where(inWindow => inWindow.Length > 0)
            .Select(MathNet.Numerics.Statistics.Statistics.Median)
            .ToList();

    private static SeedLevelEstimate Estimate(List<double> means, SeedVariancePrior? prior)
    {
        var mean = means.Average();
        SeedSpread? own = means.Count >= 2 ? new SeedSpread(means.Sum(m => (m - mean) * (m - mean)) / (means.Count - 1), means.Count - 1) : null;
        return SeedLevelEstimate.Of(mean, means.Count, own, prior, pointVariance: 0, pointDegreesOfFreedom: 1);
    }
}
