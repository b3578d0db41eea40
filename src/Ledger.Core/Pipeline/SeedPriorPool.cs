using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>
/// Where the gate's seed-variance prior comes from: the user's --seed-sd when given, else the seed spreads of the fits
/// at hand (this build's and its baseline's) and, for a metric with fewer than <see cref="EnoughRecipes"/> of them, of
/// the newest <see cref="HistorySnapshots"/> snapshots of the baseline branch up to the baseline, each distinct fit
/// once. History is what lets a lone recipe, or a build of single seeds, borrow a spread; a build that holds enough
/// recipes already has it, and the window keeps a gate's cost independent of how long the ledger is.
/// </summary>
public static class SeedPriorPool
{
    public const int HistorySnapshots = 20;

    /// <summary>Recipes with a seed spread beyond which more history adds little to the prior (its d0 is capped by them anyway).</summary>
    public const int EnoughRecipes = 50;

    public static SeedPriors For(ILedgerStore store, Snapshot? baseline, IReadOnlyList<CurveFit> fitsAtHand, double? statedSeedSd)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(fitsAtHand);
        var spreadsByMetric = fitsAtHand.Where(f => f.Status == FitStatus.Ok && f.Seeds is not null)
            .DistinctBy(f => f.InputDigest)
            .CountBy(f => f.Metric ?? "")
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        var needHistory = fitsAtHand.Select(f => f.Metric ?? "").Distinct(StringComparer.Ordinal)
            .Any(metric => spreadsByMetric.GetValueOrDefault(metric) < EnoughRecipes);
        if (statedSeedSd is not null || baseline is null || !needHistory)
            return SeedPriors.From(fitsAtHand, statedSeedSd);
        var history = store.GetSnapshots(branch: baseline.Branch).Where(s => s.Id <= baseline.Id).TakeLast(HistorySnapshots).ToList();
        var known = fitsAtHand.Select(f => f.InputDigest).ToHashSet(StringComparer.Ordinal);
        var stored = store.GetFits(history.SelectMany(s => s.Recipes.Keys.Select(recipe => new SnapshotRecipe(s.Id, recipe))).ToList());
        var older = stored.SelectMany(snapshot => snapshot.Value.Select(fit => (Snapshot: snapshot.Key, Fit: fit)))
            .Where(e => e.Fit.FitterVersion == CurveFitter.Version && e.Fit.Status == "ok" && known.Add(e.Fit.InputDigest))
            .Select(e => Readable(e.Snapshot, e.Fit));
        return SeedPriors.From(fitsAtHand.Concat(older), null);
    }

    /// <summary>
    /// A fit of the history, read back. One that cannot be read is damage, refused: skipping it would change the prior,
    /// and so the verdicts, with nothing said.
    /// </summary>
    /// <exception cref="Diagnostics.LedgerUnavailableException">LEDGER402: the fit's record cannot be read.</exception>
    private static CurveFit Readable(long snapshotId, StoredFit fit)
    {
        try
        {
            return FitRecords.ToCurveFit(fit);
        }
        catch (FormatException e)
        {
            throw Diagnostics.LedgerUnavailableException.Damaged("the ledger",
                $"the fit of recipe '{fit.Recipe}' on snapshot {snapshotId}, pooled for the gate's seed prior, cannot be read: {e.Message}", e);
        }
    }
}
