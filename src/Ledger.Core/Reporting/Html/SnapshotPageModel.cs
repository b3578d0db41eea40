using Ledger.Core.Fitting;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;
using static Ledger.Core.Reporting.NumberFormat;

namespace Ledger.Core.Reporting.Html;

/// <summary>One row of a snapshot's verdict table.</summary>
public sealed record VerdictRow(
    string Recipe, string Href, string Verdict, string A, string Change, string ChangeInterval,
    SnapshotRef? Baseline, bool RegimeChange, string Reason);

/// <summary>One row of a snapshot's fit-status table, shown when the snapshot has no verdicts.</summary>
public sealed record StatusRow(string Recipe, string Href, int Runs, int Points, string Status, string A, string Interval, string Reason);

/// <summary>A run in a plot's legend: its name (escaped by the template) beside its marker (drawn by code).</summary>
public sealed record RunKey(string Name, TrustedHtml Marker, int Points);

/// <summary>One row of a recipe's parameter table.</summary>
public sealed record ParameterRow(string Name, string Value, string StandardError, string RelativeError, string Interval);

/// <summary>A recipe's section on a snapshot page: its plot, its runs, its parameters and what the fit says.</summary>
public sealed record RecipeSection(
    int Number, string Recipe, string Href, string Model, string Status, string? Reason, TrustedHtml? Plot, string? PlotNote,
    IReadOnlyList<RunKey> Runs, IReadOnlyList<ParameterRow> Parameters, IReadOnlyList<string> Notes);

/// <summary>The page of one snapshot: the verdicts when the gate stored any, else every recipe's fit status; then a section per recipe.</summary>
public sealed record SnapshotPageModel(
    string Title, SnapshotRef Snapshot, bool HasVerdicts, IReadOnlyList<VerdictRow> Verdicts, IReadOnlyList<StatusRow> Statuses,
    IReadOnlyList<RecipeSection> Recipes)
{
    /// <param name="runs">The snapshot's runs by digest.</param>
    /// <param name="predictAt">The target compute for fits that carry no prediction of their own; null for ten times the largest observed compute.</param>
    public static SnapshotPageModel Build(Snapshot snapshot, ReportData data, IReadOnlyDictionary<string, StoredRun> runs, double? predictAt)
    {
        var rows = data.RowsOf(snapshot.Id);
        var verdicts = data.VerdictsOf(snapshot.Id);
        var fits = rows.ToDictionary(r => r.Recipe, StringComparer.Ordinal);
        return new SnapshotPageModel(
            $"Snapshot {snapshot.Id}: {snapshot.Branch}@{AppendText.ShortCommit(snapshot.Commit)}",
            SnapshotRef.Of(snapshot),
            verdicts.Count > 0,
            VerdictOrder.Ordered(verdicts).Select(v => Verdict(v, fits.GetValueOrDefault(v.Recipe), data)).ToList(),
            rows.Select(r => new StatusRow(r.Recipe, ReportFileNames.Recipe(r.Recipe), r.Runs, r.Points, FitRecords.StatusName(r.Fit.Status),
                AsymptoteCells.Value(r.Fit), AsymptoteCells.IntervalText(r.Fit), r.Fit.Reason ?? "")).ToList(),
            rows.Select((r, i) => Section(i + 1, r, snapshot.Recipes[r.Recipe].Select(d => runs[d])
                .OrderBy(run => run.RunName, StringComparer.Ordinal).ThenBy(run => run.Digest, StringComparer.Ordinal).ToList(), predictAt)).ToList());
    }

    private static VerdictRow Verdict(StoredVerdict v, HistoryRow? row, ReportData data) => new(
        v.Recipe, ReportFileNames.Recipe(v.Recipe), v.Verdict,
        row is null ? "-" : AsymptoteCells.Value(row.Fit),
        v.DeltaA is { } d ? AsymptoteCells.Signed(d) : "-",
        v.Lower is { } lo && v.Upper is { } hi ? Interval(new Interval(lo, hi)) : "-",
        v.BaselineSnapshotId is { } b && data.SnapshotsById.TryGetValue(b, out var baseline) ? SnapshotRef.Of(baseline) : null,
        v.RegimeChange, v.Reason ?? "");

    /// <param name="runs">By name, so the legend reads in order and a run keeps its colour from snapshot to snapshot.</param>
    private static RecipeSection Section(int number, HistoryRow row, IReadOnlyList<StoredRun> runs, double? predictAt)
    {
        var fit = row.Fit;
        var target = fit.Prediction?.Compute ?? predictAt ?? 10 * runs.SelectMany(r => r.Points).Select(p => p.Compute).DefaultIfEmpty(0).Max();
        var plot = CurvePlot.Build(runs.Select(r => r.Points).ToList(), fit, target);
        return new RecipeSection(
            number, row.Recipe, ReportFileNames.Recipe(row.Recipe), fit.Model.Name(), FitRecords.StatusName(fit.Status), fit.Reason,
            plot is null ? null : CurvePlotSvg.Write(plot),
            plot is null ? "No point at a positive compute: nothing to plot on a log axis."
                : plot.HiddenPoints > 0 ? $"{plot.HiddenPoints} points at compute 0 are not shown on the log axis." : null,
            runs.Select((r, i) => new RunKey(r.RunName, RunMarker(i), r.Points.Count)).ToList(),
            fit.Parameters.Select(p => new ParameterRow(p.Name, Short(p.Value), Short(p.StandardError),
                p.Value != 0 ? Percent(Math.Abs(p.StandardError / p.Value)) : "n/a", Interval(p.Interval))).ToList(),
            FitNotes.Of(fit));
    }

    private static TrustedHtml RunMarker(int run) =>
        new Svg(14, 14, "marker", "marker").Marker(7, 7, OkabeIto.Shape(run), OkabeIto.Colour(run), "point", 4.5).Close();
}
