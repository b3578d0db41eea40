using Ledger.Core.Fitting;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;
using static Ledger.Core.Reporting.NumberFormat;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// Builds the recipe sections of snapshot pages, reading each snapshot's points only for the recipes it must
/// draw. A section is a function of the recipe, its runs (content-addressed: same digests, same runs) and its fit,
/// so a recipe whose runs did not change since the previous snapshot reuses that snapshot's section, plot and all:
/// in a long ledger most recipes are unchanged from one commit to the next. A section is rendered (template
/// _section.html.sbn) when it is built, so a reused one costs a copy of its markup, not another template run. Only
/// the previous snapshot's sections are kept, so memory stays one page's worth however long the ledger.
/// </summary>
public sealed class RecipeSections(ILedgerStore store, double? predictAt, ReportTemplates templates)
{
    public const string Template = "_section.html.sbn";
    private Dictionary<string, RenderedSection> _previous = new(StringComparer.Ordinal);

    /// <param name="rows">The snapshot's fits, one per recipe.</param>
    public IReadOnlyList<RenderedSection> For(Snapshot snapshot, IReadOnlyList<HistoryRow> rows)
    {
        var keys = rows.Select(r => Key(r, snapshot.Recipes[r.Recipe])).ToList();
        var missing = rows.Where((_, i) => !_previous.ContainsKey(keys[i])).ToList();
        var runs = store.GetRuns(missing.SelectMany(r => snapshot.Recipes[r.Recipe]).Distinct(StringComparer.Ordinal).ToList())
            .ToDictionary(r => r.Digest, StringComparer.Ordinal);
        var current = new Dictionary<string, RenderedSection>(StringComparer.Ordinal);
        var sections = rows.Select((row, i) =>
        {
            if (!_previous.TryGetValue(keys[i], out var section))
            {
                var model = Build(row, snapshot.Recipes[row.Recipe].Select(d => runs[d])
                    .OrderBy(run => run.RunName, StringComparer.Ordinal).ThenBy(run => run.Digest, StringComparer.Ordinal).ToList());
                // Rendered in the one escaping context like any include, so its markup is as trusted as an include's.
                section = new RenderedSection(model, new TrustedHtml(templates.Render(Template, model)));
            }
            current[keys[i]] = section;
            return section;
        }).ToList();
        _previous = current;
        return sections;
    }

    /// <summary>The recipe, its fit's input digest (points and options) and its runs' digests (names and sources).</summary>
    private static string Key(HistoryRow row, IReadOnlyList<string> digests) =>
        row.Recipe + "\n" + row.Fit.InputDigest + "\n" + string.Join(",", digests.Order(StringComparer.Ordinal));

    /// <param name="runs">By name, so the legend reads in order and a run keeps its colour from snapshot to snapshot.</param>
    private RecipeSection Build(HistoryRow row, IReadOnlyList<StoredRun> runs)
    {
        var fit = row.Fit;
        var target = fit.Prediction?.Compute ?? predictAt ?? 10 * runs.SelectMany(r => r.Points).Select(p => p.Compute).DefaultIfEmpty(0).Max();
        var plot = CurvePlot.Build(runs.Select(r => r.Points).ToList(), fit, target);
        return new RecipeSection(
            row.Recipe, ReportFileNames.Recipe(row.Recipe), fit.Model.Name(), FitRecords.StatusName(fit.Status), fit.Reason,
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
