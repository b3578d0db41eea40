using Ledger.Core.Gating;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;

namespace Ledger.Core.Reporting.Html;

/// <summary>A branch in the legend under the A-over-time plot: its name (escaped by the template) beside its marker, its class on the plot, and its snapshots there.</summary>
public sealed record BranchKey(string Name, TrustedHtml Marker, string CssClass, int Snapshots, bool Joined);

/// <summary>One snapshot's line on a recipe's page.</summary>
public sealed record RecipeHistoryRow(SnapshotRef Snapshot, string Status, string A, string Interval, string Verdict, bool IsBaseline, string Reason);

/// <summary>
/// The page of one recipe: A over time with interval bars, the baseline branch joined and other branches apart, baselines
/// ringed, regressions marked, and the steps along the baseline branch with each change's commit; then the changes, and
/// the table behind the plot.
/// </summary>
/// <param name="Changes">The changes the step line shows, in words, oldest first.</param>
public sealed record RecipePageModel(string Title, string Recipe, TrustedHtml? Plot, int Unidentified, IReadOnlyList<RecipeHistoryRow> Rows,
    IReadOnlyList<string> Changes, IReadOnlyList<BranchKey> Branches)
{
    /// <param name="rows">The recipe's fits, oldest snapshot first.</param>
    /// <param name="steps">The recipe's steps along the baseline branch (whose snapshots the plot joins), or null when the report has no snapshot of that branch.</param>
    public static RecipePageModel Build(string recipe, IReadOnlyList<HistoryRow> rows, ReportData data, AsymptoteSteps? steps = null)
    {
        var verdicts = rows.ToDictionary(r => r.SnapshotId, r => data.VerdictOf(r.SnapshotId, recipe));
        // A snapshot is a baseline on this page when a verdict on this recipe was gated against it.
        var baselines = verdicts.Values.Select(v => v?.BaselineSnapshotId).OfType<long>().ToHashSet();
        var samples = rows.Where(r => r.Fit.IdentifiedAsymptote is not null).Select(r =>
        {
            var interval = AsymptoteCells.IntervalOf(r.Fit);
            return new AsymptoteSample(r.SnapshotId, r.Time, r.Fit.IdentifiedAsymptote!.Value, interval.Lower, interval.Upper, Mark(verdicts[r.SnapshotId]), baselines.Contains(r.SnapshotId), r.Branch);
        }).ToList();
        var plot = AsymptotePlot.Build(samples, steps, steps?.Branch);
        return new RecipePageModel(
            $"Recipe {recipe}", recipe, plot is null ? null : AsymptotePlotSvg.Write(plot, PlotDescriptions.OverTime(recipe, samples, plot, steps)),
            rows.Count - samples.Count,
            rows.Select(r => new RecipeHistoryRow(
                data.RefsById[r.SnapshotId], FitRecords.StatusName(r.Fit.Status),
                AsymptoteCells.Value(r.Fit), AsymptoteCells.IntervalText(r.Fit),
                verdicts[r.SnapshotId]?.Verdict ?? "", baselines.Contains(r.SnapshotId),
                verdicts[r.SnapshotId]?.Reason ?? r.Fit.Reason ?? "")).ToList(),
            steps?.Descriptions ?? [],
            plot?.Branches.Select((b, i) => new BranchKey(b.Name, AsymptotePlotSvg.BranchKey(b, i), PlottedBranch.CssClass(i), b.Snapshots, b.Joined)).ToList() ?? []);
    }

    private static AsymptoteMark Mark(StoredVerdict? verdict) => verdict?.Verdict switch
    {
        var v when v == VerdictKind.Regressed.Name() => AsymptoteMark.Regressed,
        var v when v == VerdictKind.Allowed.Name() => AsymptoteMark.Allowed,
        var v when v == VerdictKind.Improved.Name() => AsymptoteMark.Improved,
        _ => AsymptoteMark.Plain,
    };
}
