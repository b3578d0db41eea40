using Ledger.Core.Fitting;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>
/// When the baseline snapshot cannot tell a recipe's A (unidentified, model-dependent or failed), the recipe is
/// compared with the newest older snapshot of the baseline branch that could, looking back at most
/// <see cref="LookBack"/> snapshots holding it, and the verdict says so. Without this, a baseline that was once
/// unidentified would wave every later build of that recipe through.
/// </summary>
public static class BaselineFallback
{
    public const int LookBack = 20;

    /// <param name="Fit">The older snapshot's fit of the recipe.</param>
    /// <param name="Note">What happened, in words, for the verdict's reason.</param>
    public sealed record Fallback(SnapshotRecipeFit Fit, string Note);

    public static IReadOnlyDictionary<string, Fallback> Find(ILedgerStore store, IReadOnlyList<Snapshot> snapshots, Snapshot baseline,
        IReadOnlyDictionary<string, SnapshotRecipeFit> now, IReadOnlyDictionary<string, SnapshotRecipeFit> before, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(snapshots);
        var wanted = before.Values.Where(f => f.Fit.Status != FitStatus.Ok && now.ContainsKey(f.Recipe)).Select(f => f.Recipe).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
            return new Dictionary<string, Fallback>();
        var older = snapshots
            .Where(s => s.Branch == baseline.Branch && s.Id < baseline.Id && s.Recipes.Keys.Any(wanted.Contains))
            .TakeLast(LookBack)
            .ToList();
        var fits = SnapshotFits.Resolve(store, older, options, wanted.Contains);
        SnapshotFits.Record(store, fits);
        return fits
            .Where(f => f.Fit.Status == FitStatus.Ok)
            .GroupBy(f => f.Recipe, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g =>
                {
                    var newest = g.MaxBy(f => f.Snapshot.Id)!;
                    return new Fallback(newest, $"the baseline {Baselines.Label(baseline)} could not tell A; compared with {Baselines.Label(newest.Snapshot)}, " +
                                                $"the newest snapshot of {baseline.Branch} that could");
                },
                StringComparer.Ordinal);
    }
}
