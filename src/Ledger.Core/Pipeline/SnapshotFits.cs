using Ledger.Core.Diagnostics;
using Ledger.Core.Fitting;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>One recipe of one snapshot: the runs behind it, its fit and the record of that fit.</summary>
/// <param name="RunDigests">The recipe's runs in the snapshot, in digest order (the order their points are fitted in).</param>
/// <param name="Record">The fit as the ledger keeps it: the stored record when <paramref name="FromLedger"/>, else the one to record.</param>
/// <param name="FromLedger">True when the fit was read from the ledger (same inputs, options and fitter version); false when fitted just now.</param>
/// <param name="LoadedRuns">The runs with their points when resolving the fit had to load them (so a later step need not load them again); null when it did not.</param>
/// <param name="IsSnapshotsCurrentFit">The record is the snapshot's current fit already: recording it would add nothing.</param>
public sealed record SnapshotRecipeFit(
    Snapshot Snapshot, string Recipe, IReadOnlyList<string> RunDigests, CurveFit Fit, StoredFit Record, bool FromLedger,
    IReadOnlyList<StoredRun>? LoadedRuns = null, bool IsSnapshotsCurrentFit = false);

/// <summary>
/// The fits of the recipes of some snapshots, shared by every verb that reads fits from the ledger (history, fit,
/// gate, predict, rank): a fit the ledger holds for exactly these inputs, options and fitter version is read back,
/// any other is fitted now, distinct inputs once each, spread over the cores. The snapshot's own fit of the same runs
/// is found without loading them; only for the rest are points loaded, to compute the input digest the fit cache is
/// keyed by. Resolving writes nothing; the verbs that keep fits pass the result to <see cref="Record"/>.
/// </summary>
public static class SnapshotFits
{
    /// <param name="includeRecipe">Which recipes to fit; every recipe when null.</param>
    /// <param name="progress">Told how many of the fits computed now are done, out of how many.</param>
    /// <param name="runsAtHand">Runs as the ledger holds them, already in memory (those an append just stored): not read again.</param>
    /// <returns>Snapshots in the order given, recipes in ordinal order within each.</returns>
    /// <exception cref="LedgerUnavailableException">A snapshot names a run the ledger does not hold (LEDGER402).</exception>
    public static IReadOnlyList<SnapshotRecipeFit> Resolve(ILedgerStore store, IEnumerable<Snapshot> snapshots, FitOptions options,
        Func<string, bool>? includeRecipe = null, IProgress<(int Done, int Total)>? progress = null, IReadOnlyCollection<StoredRun>? runsAtHand = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(options);

        var entries = snapshots
            .SelectMany(snapshot => snapshot.Recipes
                .Where(recipe => includeRecipe is null || includeRecipe(recipe.Key))
                .Select(recipe => (Snapshot: snapshot, Recipe: recipe.Key, Digests: (IReadOnlyList<string>)recipe.Value.Order(StringComparer.Ordinal).ToList())))
            .ToList();
        // The snapshots' recorded fits of these recipes, in one store call: both the own-runs match and the cache look-up read them.
        var recorded = store.GetFits(entries.Select(e => new SnapshotRecipe(e.Snapshot.Id, e.Recipe)).ToList());
        var ownFits = FitsOfTheSameRuns(recorded, entries, options);
        FillFromOtherSnapshots(store, entries, ownFits, options);
        var rest = entries.Where((_, i) => ownFits[i] is null).ToList();

        var wanted = rest.SelectMany(e => e.Digests).Distinct(StringComparer.Ordinal).ToList();
        var atHand = (runsAtHand ?? []).DistinctBy(run => run.Digest).ToDictionary(run => run.Digest, StringComparer.Ordinal);
        var runs = store.GetRuns(wanted.Where(digest => !atHand.ContainsKey(digest)).ToList()).ToDictionary(run => run.Digest, StringComparer.Ordinal);
        foreach (var digest in wanted)
        {
            if (atHand.TryGetValue(digest, out var run))
                runs[digest] = run;
        }
        var inputs = rest.Select(e =>
        {
            var recipeRuns = HeldRuns.Of(runs, e.Snapshot.Id, e.Digests);
            // The fit's input is made again when it is fitted, not kept: held for every recipe at once it doubled the
            // points in memory (a cold check of 10,000 runs of 1,000 points peaked at 0.9 GB).
            var digest = Convert.ToHexStringLower(StoredRecipeData.From(recipeRuns).Digest(options));
            return (e.Snapshot, e.Recipe, e.Digests, Runs: recipeRuns, Key: new FitKey(e.Recipe, digest));
        }).ToList();

        var known = KnownFits(store, recorded, inputs.Select(i => (i.Snapshot.Id, i.Key)), options);
        var computed = FitMissing(inputs.Where(i => !known.ContainsKey(i.Key)).Select(i => (i.Key, (IReadOnlyList<StoredRun>)i.Runs)), options, progress);
        var resolved = new Queue<SnapshotRecipeFit>(inputs.Select(i =>
        {
            if (known.TryGetValue(i.Key, out var stored))
                return new SnapshotRecipeFit(i.Snapshot, i.Recipe, i.Digests, stored.Fit, stored.Record, FromLedger: true, i.Runs);
            var fit = computed[i.Key];
            return new SnapshotRecipeFit(i.Snapshot, i.Recipe, i.Digests, fit, FitRecords.ToStored(fit, options, i.Digests), FromLedger: false, i.Runs);
        }));
        return ownFits.Select(own => own ?? resolved.Dequeue()).ToList();
    }

    /// <summary>
    /// Records every fit on its snapshot, one store call per snapshot. The store skips a fit equal to the snapshot's
    /// current one, so a fit read from the snapshot itself adds nothing, and one read from the cache (another
    /// snapshot with the same inputs) is recorded on this snapshot too.
    /// </summary>
    /// <returns>How many fits the store recorded.</returns>
    public static int Record(ILedgerStore store, IEnumerable<SnapshotRecipeFit> fits)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(fits);
        // Skipping the snapshot's current fits spares a rerun, which has nothing else to record, a write transaction.
        return fits.Where(f => !f.IsSnapshotsCurrentFit)
            .GroupBy(f => f.Snapshot.Id)
            .Sum(group => store.RecordFits(group.Key, group.Select(f => f.Record).ToList()));
    }

    /// <summary>
    /// For each entry, the fit its own snapshot holds for exactly the same runs (its payload names them, in fit order),
    /// options and fitter version, or null. Runs are content-addressed, so the same runs are the same points and the
    /// same fit: a rerun reuses every fit without loading a single point. Null entries go the way of the points.
    /// </summary>
    /// <param name="recorded">The snapshots' recorded fits of the entries' recipes, by snapshot id.</param>
    private static List<SnapshotRecipeFit?> FitsOfTheSameRuns(IReadOnlyDictionary<long, IReadOnlyList<StoredFit>> recorded,
        IReadOnlyList<(Snapshot Snapshot, string Recipe, IReadOnlyList<string> Digests)> entries, FitOptions options)
    {
        var byRuns = new Dictionary<long, Dictionary<string, (CurveFit Fit, StoredFit Record, IReadOnlyList<string> Runs)>>();
        foreach (var snapshot in entries.GroupBy(e => e.Snapshot.Id))
        {
            byRuns[snapshot.Key] = new(StringComparer.Ordinal);
            // Same model, options and fitter version (the input digest matches itself); the inputs are compared by their runs below.
            var matching = recorded[snapshot.Key].Where(f => FitRecords.Matches(f, f.InputDigest, options)).ToArray();
            // Each payload read whole (these fits are shown and gated), about 90 us each: a rerun of 1,000 recipes reads them in parallel.
            var contents = new FitPayloadContents?[matching.Length];
            Parallel.For(0, matching.Length, i => contents[i] = TryReadContents(matching[i]));
            for (var i = 0; i < matching.Length; i++)
            {
                if (contents[i] is { } read)
                    byRuns[snapshot.Key][matching[i].Recipe] = (read.Fit, matching[i], read.RunDigests);
            }
        }
        return entries.Select(e =>
            byRuns[e.Snapshot.Id].TryGetValue(e.Recipe, out var own) && own.Runs.SequenceEqual(e.Digests, StringComparer.Ordinal)
                ? new SnapshotRecipeFit(e.Snapshot, e.Recipe, e.Digests, own.Fit, own.Record, FromLedger: true, IsSnapshotsCurrentFit: true)
                : null).ToList();
    }

    /// <summary>
    /// Fills the entries that have no fit of their own with the fit another snapshot recorded for exactly the same runs,
    /// options and fitter version: the newest other snapshot whose recipe holds the same runs. A new commit whose logs did
    /// not change then reuses every fit without loading a point, as a rerun does. Entries still null go the way of the points.
    /// </summary>
    private static void FillFromOtherSnapshots(ILedgerStore store, IReadOnlyList<(Snapshot Snapshot, string Recipe, IReadOnlyList<string> Digests)> entries,
        List<SnapshotRecipeFit?> fits, FitOptions options)
    {
        var missing = Enumerable.Range(0, entries.Count).Where(i => fits[i] is null).ToList();
        if (missing.Count == 0)
            return;
        var snapshots = store.GetSnapshots();
        var holders = new Dictionary<int, SnapshotRecipe>();
        foreach (var i in missing)
        {
            var (snapshot, recipe, digests) = entries[i];
            for (var k = snapshots.Count - 1; k >= 0; k--)
            {
                if (snapshots[k].Id != snapshot.Id && snapshots[k].Recipes.TryGetValue(recipe, out var theirs) && theirs.Count == digests.Count &&
                    theirs.Order(StringComparer.Ordinal).SequenceEqual(digests, StringComparer.Ordinal))
                {
                    holders[i] = new SnapshotRecipe(snapshots[k].Id, recipe);
                    break;
                }
            }
        }
        var recorded = store.GetFits(holders.Values.Distinct().ToList());
        foreach (var (i, holder) in holders)
        {
            var (snapshot, recipe, digests) = entries[i];
            foreach (var stored in recorded[holder.SnapshotId].Where(f => f.Recipe == recipe && FitRecords.Matches(f, f.InputDigest, options)))
            {
                if (TryReadContents(stored) is { } contents && contents.RunDigests.SequenceEqual(digests, StringComparer.Ordinal))
                {
                    fits[i] = new SnapshotRecipeFit(snapshot, recipe, digests, contents.Fit, stored, FromLedger: true);
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Fits the ledger holds for these inputs: the snapshot's own first, else the fit cache (any snapshot with
    /// the same recipe and input digest, since a fit is a pure function of its inputs). A record whose payload
    /// cannot be read is treated as absent: the fit is then computed again rather than trusted.
    /// </summary>
    /// <param name="recorded">The snapshots' recorded fits of the inputs' recipes, by snapshot id.</param>
    private static Dictionary<FitKey, (CurveFit Fit, StoredFit Record)> KnownFits(ILedgerStore store, IReadOnlyDictionary<long, IReadOnlyList<StoredFit>> recorded,
        IEnumerable<(long SnapshotId, FitKey Key)> inputs, FitOptions options)
    {
        var known = new Dictionary<FitKey, (CurveFit, StoredFit)>();
        foreach (var group in inputs.GroupBy(i => i.SnapshotId))
        {
            var snapshotFits = recorded[group.Key];
            foreach (var (_, key) in group)
            {
                if (known.ContainsKey(key))
                    continue;
                var stored = snapshotFits.FirstOrDefault(f => f.Recipe == key.Recipe && FitRecords.Matches(f, key.Digest, options))
                    ?? (store.FindFit(key.Digest) is { } cached && cached.Recipe == key.Recipe && FitRecords.Matches(cached, key.Digest, options) ? cached : null);
                if (stored is not null && TryRead(stored) is { } fit)
                    known[key] = (fit, stored);
            }
        }
        return known;
    }

    private static CurveFit? TryRead(StoredFit stored) => TryReadContents(stored)?.Fit;

    private static FitPayloadContents? TryReadContents(StoredFit stored)
    {
        try
        {
            return FitRecords.Contents(stored);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Fits each distinct input once, spread over the cores; each fit is pure, so the result does not depend on scheduling.</summary>
    private static Dictionary<FitKey, CurveFit> FitMissing(IEnumerable<(FitKey Key, IReadOnlyList<StoredRun> Runs)> missing, FitOptions options,
        IProgress<(int Done, int Total)>? progress)
    {
        var distinct = missing.DistinctBy(m => m.Key).ToArray();
        var fits = new CurveFit[distinct.Length];
        var done = 0;
        Parallel.For(0, distinct.Length, i =>
        {
            fits[i] = CurveFitter.Fit(distinct[i].Key.Recipe, StoredRecipeData.From(distinct[i].Runs), options);
            progress?.Report((Interlocked.Increment(ref done), distinct.Length));
        });
        return distinct.Select((m, i) => (m.Key, Fit: fits[i])).ToDictionary(x => x.Key, x => x.Fit);
    }

    /// <summary>The input digest covers points and options but not the recipe's name, which a fit also carries.</summary>
    private readonly record struct FitKey(string Recipe, string Digest);
}
