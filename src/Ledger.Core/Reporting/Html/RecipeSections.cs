using Ledger.Core.Fitting;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;
using static Ledger.Core.Reporting.NumberFormat;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// Builds the recipe sections of snapshot pages. A section is a function of the recipe's input (its runs, which
/// make its fit), so it is built once per distinct input and reused by every snapshot that holds the same runs:
/// in a long ledger most recipes are unchanged from one commit to the next, and a pull request's change is gone
/// again at the next main build. A section is rendered (template _section.html.sbn) when it is built, so a reused
/// one costs a copy of its markup, not another template run. It is dropped after the last snapshot that shows it,
/// so memory holds the sections still to come, not the whole report.
/// </summary>
/// <param name="options">The options the fits were made with: the prediction's compute and the fit window the plots show.</param>
public sealed class RecipeSections(ReportFits fits, FitOptions options, ReportTemplates templates)
{
    public const string Template = "_section.html.sbn";
    private readonly Dictionary<RecipeInput, (RenderedSection Section, int UsesLeft)> _live = [];

    /// <param name="rows">The snapshot's fits, one per recipe.</param>
    public IReadOnlyList<RenderedSection> For(IReadOnlyList<HistoryRow> rows) => rows.Select(row =>
    {
        var input = fits.InputOf(row);
        if (!_live.TryGetValue(input, out var live))
        {
            var model = Build(row, fits.RunsOf(input).OrderBy(run => run.RunName, StringComparer.Ordinal).ThenBy(run => run.Digest, StringComparer.Ordinal).ToList());
            // Rendered in the one escaping context like any include, so its markup is as trusted as an include's.
            live = (new RenderedSection(model, new TrustedHtml(templates.Render(Template, model))), fits.SnapshotsHolding(input));
        }
        if (live.UsesLeft > 1)
            _live[input] = (live.Section, live.UsesLeft - 1);
        else
            _live.Remove(input);
        return live.Section;
    }).ToList();

    /// <param name="runs">By name, so the legend reads in order and a run keeps its colour from snapshot to snapshot.</param>
    private RecipeSection Build(HistoryRow row, IReadOnlyList<StoredRun> runs)
    {
        var fit = row.Fit;
        var target = fit.Prediction?.Compute ?? options.PredictAt ?? 10 * runs.SelectMany(r => r.Points).Select(p => p.Compute).DefaultIfEmpty(0).Max();
        var plot = CurvePlot.Build(runs.Select(r => r.Points).ToList(), fit, target, options.Window);
        return new RecipeSection(
            row.Recipe, ReportFileNames.Recipe(row.Recipe), fit.Model.Name(), FitRecords.StatusName(fit.Status), fit.Reason,
            plot is null ? null : CurvePlotSvg.Write(plot),
            PlotNote(plot),
            runs.Select((r, i) => new RunKey(r.RunName, RunMarker(i), r.Points.Count)).ToList(),
            fit.Parameters.Select(p => new ParameterRow(p.Name, Short(p.Value), Short(p.StandardError),
                p.Value != 0 ? Percent(Math.Abs(p.StandardError / p.Value)) : "n/a", Interval(p.Interval))).ToList(),
            FitNotes.Of(fit));
    }

    private string? PlotNote(CurvePlot? plot)
    {
        if (plot is null)
            return "No point at a positive compute: nothing to plot on a log axis.";
        var notes = new List<string>();
        if (options.Window is { } window)
            notes.Add($"Fitted on {window.Describe()}: {plot.PointsLeftOut} points outside it (shaded) are drawn but not fitted.");
        if (plot.HiddenPoints > 0)
            notes.Add($"{plot.HiddenPoints} points at compute 0 are not shown on the log axis.");
        if (plot.ThinnedPoints > 0)
            notes.Add($"{plot.ThinnedPoints} crowded points are not drawn: in every slice of the plot narrower than a marker, each run shows its highest and lowest point. Every point is fitted and counted.");
        return notes.Count > 0 ? string.Join(" ", notes) : null;
    }

    private static TrustedHtml RunMarker(int run) =>
        new Svg(14, 14, "marker", "marker").Marker(7, 7, OkabeIto.Shape(run), OkabeIto.Colour(run), "point", 4.5).Close();
}
