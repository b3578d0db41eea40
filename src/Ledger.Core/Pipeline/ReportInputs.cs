using Ledger.Core.Fitting;
using Ledger.Core.Reporting.Html;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>
/// What `ledger report` draws, read from the ledger before anything is drawn: the reported snapshots, every recipe's fit
/// in each (the history's rows), each distinct recipe input's runs with their points, each snapshot's verdicts, and the
/// gates' records. Reporting renders these plain records and never sees the store.
/// </summary>
/// <param name="GateBands">
/// The tolerance each reported snapshot's latest gate tested with, for the snapshots a gate ran on: null where that gate
/// was kept as Markdown, which does not say.
/// </param>
/// <param name="NewestGate">The latest gate record of the newest reported snapshot a gate ran on; null when none did.</param>
public sealed record ReportInputs(ReportData Data, ReportFits Fits, IReadOnlyDictionary<long, ToleranceBand?> GateBands, GateSummary? NewestGate)
{
    /// <summary>
    /// Gate records read at once: each is a document of every recipe's verdict (about 25 KB for 50 recipes), of which the
    /// report keeps the tolerance; read all together, 1,000 of them lived long enough for the collector to copy them twice.
    /// </summary>
    private const int GatesPerRead = 50;

    /// <param name="branch">Only snapshots of this branch; every branch when null.</param>
    /// <param name="commit">Only snapshots of this commit; every commit when null.</param>
    /// <param name="recipe">Only this recipe; every recipe when null.</param>
    /// <remarks>
    /// The verdicts and the gates are read on another thread while this one reads the fits and runs (a third of the
    /// inputs' time on a 1,000-snapshot ledger); a snapshot without a reported recipe is then left out.
    /// </remarks>
    public static ReportInputs Read(ILedgerStore store, string? branch, string? commit, FitOptions options, string? recipe)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ReadTogether(() =>
        {
            var snapshots = store.GetSnapshots(branch, commit);
            var ids = snapshots.Select(s => s.Id).ToList();
            var (fits, (stored, bands)) = SideBySide.Run(() => ResolveFits(store, snapshots, options, recipe),
                () => (store.GetVerdicts(ids), GateBandsOf(store, ids)));
            var reported = fits.Rows.Select(r => r.SnapshotId).ToHashSet();
            var shown = snapshots.Where(s => reported.Contains(s.Id)).ToList();
            var verdicts = shown.ToDictionary(s => s.Id, s => (IReadOnlyList<StoredVerdict>)stored[s.Id]
                .Where(v => recipe is null || v.Recipe == recipe).ToList());
            var gated = bands.Where(band => reported.Contains(band.Key)).ToDictionary(band => band.Key, band => band.Value);
            var newest = gated.Count > 0 ? gated.Keys.Max() : (long?)null;
            return new ReportInputs(new ReportData(shown, fits.Rows, verdicts), fits, gated,
                newest is { } id ? store.GetGateSummaries([id])[id] : null);
        });
    }

    /// <summary>The tolerance of each snapshot's latest gate, for those a gate ran on; the records themselves are let go a few at a time.</summary>
    private static Dictionary<long, ToleranceBand?> GateBandsOf(ILedgerStore store, IReadOnlyList<long> ids)
    {
        var bands = new Dictionary<long, ToleranceBand?>();
        foreach (var chunk in ids.Chunk(GatesPerRead))
        {
            foreach (var (id, gate) in store.GetGateSummaries(chunk))
                bands[id] = ToleranceBand.Of(gate);
        }
        return bands;
    }

    /// <summary>
    /// Resolves each distinct <see cref="RecipeInput"/> once instead of once per snapshot: in a CI ledger a recipe keeps
    /// its runs across most snapshots, and reading and digesting the same points for each of 1,000 snapshots was most of
    /// the report's time. A fit is a pure function of its inputs, so each snapshot gets the fit `ledger history` gives
    /// it; each run is read from the ledger once.
    /// </summary>
    /// <param name="recipe">Only this recipe; every recipe when null.</param>
    public static ReportFits ResolveFits(ILedgerStore store, IReadOnlyList<Snapshot> snapshots, FitOptions options, string? recipe)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(snapshots);
        var inputs = new Dictionary<(long SnapshotId, string Recipe), RecipeInput>();
        var seen = new HashSet<RecipeInput>();
        // A recipe's runs as the snapshot before listed them: most snapshots list the same, whose input is then known
        // without sorting and joining the digests again (that was a tenth of reading a 1,000-snapshot report's inputs).
        var lastOf = new Dictionary<string, (IReadOnlyList<string> Digests, RecipeInput Input)>(StringComparer.Ordinal);
        // Each distinct input once, on the first snapshot that holds it (whose own recorded fit is then found first).
        var firsts = new List<Snapshot>();
        foreach (var snapshot in snapshots)
        {
            var fresh = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var (name, digests) in snapshot.Recipes)
            {
                if (recipe is not null && name != recipe)
                    continue;
                if (lastOf.TryGetValue(name, out var last) && last.Digests.SequenceEqual(digests, StringComparer.Ordinal))
                {
                    inputs[(snapshot.Id, name)] = last.Input;
                    continue;
                }
                var input = RecipeInput.Of(name, digests);
                lastOf[name] = (digests, input);
                inputs[(snapshot.Id, name)] = input;
                if (seen.Add(input))
                    fresh[name] = digests;
            }
            if (fresh.Count > 0)
                firsts.Add(snapshot with { Recipes = fresh });
        }
        var fits = SnapshotFits.Resolve(store, firsts, options);
        // The plots need every run's points; a fit read back from its own snapshot loaded none, so those runs are read
        // here, together and once each.
        var runs = fits.SelectMany(fit => fit.LoadedRuns ?? []).DistinctBy(run => run.Digest).ToDictionary(run => run.Digest, StringComparer.Ordinal);
        var missing = fits.SelectMany(fit => fit.RunDigests).Where(digest => !runs.ContainsKey(digest)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var run in store.GetRuns(missing))
            runs[run.Digest] = run;
        var resolved = new Dictionary<RecipeInput, SnapshotRecipeFit>();
        var runsOf = new Dictionary<RecipeInput, IReadOnlyList<StoredRun>>();
        foreach (var fit in fits)
        {
            var input = RecipeInput.Of(fit.Recipe, fit.RunDigests);
            resolved[input] = fit;
            // A fit read back from the ledger needs no points, so a run gone from the ledger is first missed here.
            runsOf[input] = HeldRuns.Of(runs, fit.Snapshot.Id, fit.RunDigests);
        }
        var rows = snapshots.SelectMany(s => s.Recipes.Keys.Where(name => inputs.ContainsKey((s.Id, name))).Select(name =>
        {
            var fit = resolved[inputs[(s.Id, name)]];
            return new HistoryRow(s.Id, s.Commit, s.Branch, s.Time, name, fit.RunDigests.Count, fit.Fit.PointCount, fit.Fit, fit.FromLedger);
        })).ToList();
        return new ReportFits(rows, inputs, runsOf);
    }
}
