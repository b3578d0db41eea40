using Ledger.Core.Diagnostics;
using Ledger.Core.Fitting;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>
/// `ledger history`: the asymptote A of each recipe in each snapshot, oldest first. A fit the ledger already
/// holds for exactly these inputs, options and fitter version is read back; any other is fitted on the fly, in
/// parallel across recipes, and not recorded: reading history never changes the ledger.
/// </summary>
public static class HistoryUseCase
{
    public static HistoryResult Run(HistoryRequest request, ILedgerStore store)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);

        var entries = new List<(Snapshot Snapshot, string Recipe, IReadOnlyList<string> Digests)>();
        foreach (var snapshot in store.GetSnapshots(request.Branch, request.Commit))
        {
            foreach (var (recipe, digests) in snapshot.Recipes)
            {
                if (request.Recipe is null || recipe == request.Recipe)
                    entries.Add((snapshot, recipe, digests));
            }
        }

        var wanted = entries.SelectMany(e => e.Digests).Distinct(StringComparer.Ordinal).ToList();
        var runs = store.GetRuns(wanted).ToDictionary(run => run.Digest, StringComparer.Ordinal);
        var inputs = entries.Select(e =>
        {
            var recipeRuns = e.Digests.Select(d => runs.TryGetValue(d, out var run)
                ? run
                : throw LedgerUnavailableException.Damaged("the ledger", $"snapshot {e.Snapshot.Id} names run {d}, which the ledger does not hold")).ToList();
            var data = StoredRecipeData.From(recipeRuns);
            return (Entry: e, RunCount: recipeRuns.Count, Data: data, Digest: Convert.ToHexStringLower(data.Digest(request.Fit)));
        }).ToList();

        var known = KnownFits(store, inputs.Select(i => (i.Entry.Snapshot.Id, new FitKey(i.Entry.Recipe, i.Digest))), request.Fit);
        var computed = FitMissing(
            inputs.Select(i => (Key: new FitKey(i.Entry.Recipe, i.Digest), i.Data)).Where(i => !known.ContainsKey(i.Key)),
            request.Fit);

        var rows = inputs.Select(i =>
        {
            var key = new FitKey(i.Entry.Recipe, i.Digest);
            var fromLedger = known.TryGetValue(key, out var stored);
            return new HistoryRow(
                i.Entry.Snapshot.Id, i.Entry.Snapshot.Commit, i.Entry.Snapshot.Branch, i.Entry.Snapshot.Time, i.Entry.Recipe,
                i.RunCount, i.Data.Count, fromLedger ? stored! : computed[key], fromLedger);
        }).ToList();
        return new HistoryResult(rows, request.Fit);
    }

    /// <summary>
    /// Fits the ledger holds for these inputs: the snapshot's own first, else the fit cache (any snapshot with
    /// the same recipe and input digest, since a fit is a pure function of its inputs). A record whose payload
    /// cannot be read is treated as absent: the fit is then computed again rather than trusted.
    /// </summary>
    private static Dictionary<FitKey, CurveFit> KnownFits(ILedgerStore store, IEnumerable<(long SnapshotId, FitKey Key)> inputs, FitOptions options)
    {
        var known = new Dictionary<FitKey, CurveFit>();
        foreach (var group in inputs.GroupBy(i => i.SnapshotId))
        {
            var snapshotFits = store.GetFits(group.Key);
            foreach (var (_, key) in group)
            {
                if (known.ContainsKey(key))
                    continue;
                var stored = snapshotFits.FirstOrDefault(f => f.Recipe == key.Recipe && FitRecords.Matches(f, key.Digest, options))
                    ?? (store.FindFit(key.Digest) is { } cached && cached.Recipe == key.Recipe && FitRecords.Matches(cached, key.Digest, options) ? cached : null);
                if (stored is not null && TryRead(stored) is { } fit)
                    known[key] = fit;
            }
        }
        return known;
    }

    private static CurveFit? TryRead(StoredFit stored)
    {
        try
        {
            return FitRecords.ToCurveFit(stored);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Fits each distinct input once, spread over the cores; each fit is pure, so the result does not depend on scheduling.</summary>
    private static Dictionary<FitKey, CurveFit> FitMissing(IEnumerable<(FitKey Key, FitData Data)> missing, FitOptions options)
    {
        var distinct = missing.DistinctBy(m => m.Key).ToArray();
        var fits = new CurveFit[distinct.Length];
        Parallel.For(0, distinct.Length, i => fits[i] = CurveFitter.Fit(distinct[i].Key.Recipe, distinct[i].Data, options));
        return distinct.Select((m, i) => (m.Key, Fit: fits[i])).ToDictionary(x => x.Key, x => x.Fit);
    }

    /// <summary>The input digest covers points and options but not the recipe's name, which a fit also carries.</summary>
    private readonly record struct FitKey(string Recipe, string Digest);
}
