using Ledger.Core.Pipeline;
using Ledger.Core.Storage;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// What the report reads from the ledger, once: the snapshots (oldest first), every recipe's fit in each of them
/// (the history's rows), and each snapshot's verdicts. The runs' points are <see cref="ReportFits"/>'.
/// </summary>
public sealed class ReportData
{
    private readonly Dictionary<string, string> _recipeFiles;
    private readonly Lazy<Dictionary<string, Dictionary<long, StoredVerdict>>> _verdictsByRecipe;

    public ReportData(IReadOnlyList<Snapshot> snapshots, IReadOnlyList<HistoryRow> rows, IReadOnlyDictionary<long, IReadOnlyList<StoredVerdict>> verdicts)
    {
        Snapshots = snapshots;
        Verdicts = verdicts;
        RowsBySnapshot = rows.GroupBy(r => r.SnapshotId).ToDictionary(g => g.Key, g => (IReadOnlyList<HistoryRow>)g.ToList());
        RowsByRecipe = rows.GroupBy(r => r.Recipe, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<HistoryRow>)g.ToList(), StringComparer.Ordinal);
        // Made once per snapshot: pages name snapshots about 100,000 times (verdict baselines, recipe histories), each a time formatted anew.
        RefsById = snapshots.ToDictionary(s => s.Id, SnapshotRef.Of);
        // Made once per recipe: a file name hashes the recipe's name, and pages link recipes about 100,000 times.
        _recipeFiles = rows.Select(r => r.Recipe).Concat(verdicts.Values.SelectMany(v => v).Select(v => v.Recipe))
            .Distinct(StringComparer.Ordinal).ToDictionary(recipe => recipe, ReportFileNames.Recipe, StringComparer.Ordinal);
        // A recipe's page looks up its verdict in each of 1,000 snapshots; among a snapshot's 50 verdicts that was a search each time.
        _verdictsByRecipe = new(() => verdicts.SelectMany(entry => entry.Value.Select(verdict => (SnapshotId: entry.Key, Verdict: verdict)))
            .GroupBy(entry => entry.Verdict.Recipe, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.DistinctBy(entry => entry.SnapshotId).ToDictionary(entry => entry.SnapshotId, entry => entry.Verdict), StringComparer.Ordinal));
    }

    public IReadOnlyList<Snapshot> Snapshots { get; }

    /// <summary>Every snapshot as the pages name it.</summary>
    public IReadOnlyDictionary<long, SnapshotRef> RefsById { get; }

    public IReadOnlyDictionary<long, IReadOnlyList<HistoryRow>> RowsBySnapshot { get; }
    public IReadOnlyDictionary<string, IReadOnlyList<HistoryRow>> RowsByRecipe { get; }
    public IReadOnlyDictionary<long, IReadOnlyList<StoredVerdict>> Verdicts { get; }

    public IReadOnlyList<HistoryRow> RowsOf(long snapshotId) => RowsBySnapshot.TryGetValue(snapshotId, out var rows) ? rows : [];

    /// <summary>The file of the page of a recipe of the report's rows or verdicts, as <see cref="ReportFileNames.Recipe"/> names it.</summary>
    public string RecipeFile(string recipe) => _recipeFiles[recipe];

    public IReadOnlyList<StoredVerdict> VerdictsOf(long snapshotId) => Verdicts.TryGetValue(snapshotId, out var v) ? v : [];

    /// <summary>The verdict on <paramref name="recipe"/> in a snapshot (the first, were there two), or null.</summary>
    public StoredVerdict? VerdictOf(long snapshotId, string recipe) =>
        _verdictsByRecipe.Value.TryGetValue(recipe, out var bySnapshot) ? bySnapshot.GetValueOrDefault(snapshotId) : null;
}
