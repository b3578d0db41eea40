using Ledger.Core.Fitting;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;

namespace Ledger.Core.Reporting.Html;

/// <summary>A recipe's input in a snapshot: its name and the set of its runs' digests (runs are content-addressed, so the same set is the same points).</summary>
public readonly record struct RecipeInput(string Recipe, string RunDigests)
{
    public static RecipeInput Of(string recipe, IEnumerable<string> digests) => new(recipe, string.Join(",", digests.Order(StringComparer.Ordinal)));
}

/// <summary>
/// The fits and runs a report draws, resolved once per distinct <see cref="RecipeInput"/> instead of once per
/// snapshot: in a CI ledger a recipe keeps its runs across most snapshots, and reading and digesting the same
/// points for each of 1,000 snapshots was most of the report's time. A fit is a pure function of its inputs, so
/// each snapshot gets the fit `ledger history` gives it; each run is read from the ledger once.
/// </summary>
public sealed class ReportFits
{
    private readonly Dictionary<(long SnapshotId, string Recipe), RecipeInput> _inputs = [];
    private readonly Dictionary<RecipeInput, SnapshotRecipeFit> _resolved = [];
    private readonly Dictionary<RecipeInput, IReadOnlyList<StoredRun>> _runs = [];
    private readonly Dictionary<RecipeInput, int> _snapshotsHolding = [];

    /// <param name="includeRecipe">Which recipes to report; every recipe when null.</param>
    public ReportFits(ILedgerStore store, IReadOnlyList<Snapshot> snapshots, FitOptions options, Func<string, bool>? includeRecipe)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(snapshots);
        // Each distinct input once, on the first snapshot that holds it (whose own recorded fit is then found first).
        var firsts = new List<Snapshot>();
        foreach (var snapshot in snapshots)
        {
            var fresh = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var (recipe, digests) in snapshot.Recipes)
            {
                if (includeRecipe is not null && !includeRecipe(recipe))
                    continue;
                var input = RecipeInput.Of(recipe, digests);
                _inputs[(snapshot.Id, recipe)] = input;
                _snapshotsHolding[input] = _snapshotsHolding.GetValueOrDefault(input) + 1;
                if (_snapshotsHolding[input] == 1)
                    fresh[recipe] = digests;
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
        foreach (var fit in fits)
        {
            var input = RecipeInput.Of(fit.Recipe, fit.RunDigests);
            _resolved[input] = fit;
            _runs[input] = fit.RunDigests.Select(digest => runs[digest]).ToList();
        }
        Rows = snapshots.SelectMany(s => s.Recipes.Keys.Where(recipe => _inputs.ContainsKey((s.Id, recipe))).Select(recipe =>
        {
            var fit = _resolved[_inputs[(s.Id, recipe)]];
            return new HistoryRow(s.Id, s.Commit, s.Branch, s.Time, recipe, fit.RunDigests.Count, fit.Fit.PointCount, fit.Fit, fit.FromLedger);
        })).ToList();
    }

    /// <summary>Every reported recipe in every snapshot, as `ledger history` lists them: oldest snapshot first, recipes in ordinal order.</summary>
    public IReadOnlyList<HistoryRow> Rows { get; }

    public RecipeInput InputOf(HistoryRow row) => _inputs[(row.SnapshotId, row.Recipe)];

    /// <summary>The runs behind a row, with their points, in digest order.</summary>
    public IReadOnlyList<StoredRun> RunsOf(RecipeInput input) => _runs[input];

    /// <summary>How many of the reported snapshots hold this input.</summary>
    public int SnapshotsHolding(RecipeInput input) => _snapshotsHolding[input];
}
