using Ledger.Core.Gating;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;

namespace Ledger.Core.Reporting.Html;

/// <summary>One snapshot's line on a recipe's page.</summary>
public sealed record RecipeHistoryRow(SnapshotRef Snapshot, string Status, string A, string Interval, string Verdict, bool IsBaseline, string Reason);

/// <summary>The page of one recipe: A over time with interval bars, baselines ringed, regressions marked; then the table behind the plot.</summary>
public sealed record RecipePageModel(string Title, string Recipe, TrustedHtml? Plot, int Unidentified, IReadOnlyList<RecipeHistoryRow> Rows)
{
    /// <param name="rows">The recipe's fits, oldest snapshot first.</param>
    public static RecipePageModel Build(string recipe, IReadOnlyList<HistoryRow> rows, ReportData data)
    {
        var verdicts = rows.ToDictionary(r => r.SnapshotId, r => data.VerdictsOf(r.SnapshotId).FirstOrDefault(v => v.Recipe == recipe));
        // A snapshot is a baseline on this page when a verdict on this recipe was gated against it.
        var baselines = verdicts.Values.Select(v => v?.BaselineSnapshotId).OfType<long>().ToHashSet();
        var samples = rows.Where(r => r.Fit.IdentifiedAsymptote is not null).Select(r =>
        {
            var interval = Gating.AsymptoteUncertainty.IntervalOf(r.Fit);
            return new AsymptoteSample(r.SnapshotId, r.Time, r.Fit.IdentifiedAsymptote!.Value, interval.Lower, interval.Upper, Mark(verdicts[r.SnapshotId]), baselines.Contains(r.SnapshotId));
        }).ToList();
        var plot = AsymptotePlot.Build(samples);
        return new RecipePageModel(
            $"Recipe {recipe}", recipe, plot is null ? null : AsymptotePlotSvg.Write(plot),
            rows.Count - samples.Count,
            rows.Select(r => new RecipeHistoryRow(
                data.RefsById[r.SnapshotId], FitRecords.StatusName(r.Fit.Status),
                AsymptoteCells.Value(r.Fit), AsymptoteCells.IntervalText(r.Fit),
                verdicts[r.SnapshotId]?.Verdict ?? "", baselines.Contains(r.SnapshotId),
                verdicts[r.SnapshotId]?.Reason ?? r.Fit.Reason ?? "")).ToList());
    }

    private static AsymptoteMark Mark(StoredVerdict? verdict) => verdict?.Verdict switch
    {
        var v when v == VerdictKind.Regressed.Name() => AsymptoteMark.Regressed,
        var v when v == VerdictKind.Allowed.Name() => AsymptoteMark.Allowed,
        var v when v == VerdictKind.Improved.Name() => AsymptoteMark.Improved,
        _ => AsymptoteMark.Plain,
    };
}
