using System.Collections.Concurrent;
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
public sealed class RecipeSections
{
    public const string Template = "_section.html.sbn";
    private readonly ReportFits _fits;
    private readonly FitOptions _options;
    private readonly ReportTemplates _templates;
    private readonly ComparedFits? _compared;
    private readonly Dictionary<SectionKey, int> _uses;

    /// <summary>Each row's section, worked out once for both the count of its uses and the pages.</summary>
    private readonly Dictionary<HistoryRow, SectionKey> _keys = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<SectionKey, LiveSection> _live = new();

    /// <summary>
    /// Stands in the section's markup where the page names the baseline, which differs from page to page while the
    /// rest of the section does not. Unique to this render, so no recipe or run name can contain it.
    /// </summary>
    private readonly string _baselineSlot = "ledger-baseline-" + Guid.NewGuid().ToString("N");

    private readonly byte[] _baselineSlotUtf8;

    /// <param name="options">The options the fits were made with: the prediction's compute and the fit window the plots show.</param>
    /// <param name="compared">The baselines the gate compared recipes with, drawn beside their fits; none when null.</param>
    public RecipeSections(ReportFits fits, FitOptions options, ReportTemplates templates, ComparedFits? compared = null)
    {
        _fits = fits;
        _options = options;
        _templates = templates;
        _compared = compared;
        foreach (var row in fits.Rows)
            _keys[row] = KeyOf(row);
        _uses = _keys.Values.CountBy(key => key).ToDictionary();
        _baselineSlotUtf8 = System.Text.Encoding.ASCII.GetBytes(_baselineSlot);
    }

    /// <param name="rows">The snapshot's fits, one per recipe.</param>
    /// <remarks>Safe to call from several pages' threads at once: a section shared by pages drawn side by side is built once, the others wait for it.</remarks>
    public IReadOnlyList<RenderedSection> For(IReadOnlyList<HistoryRow> rows) => rows.Select(row =>
    {
        var key = _keys.TryGetValue(row, out var known) ? known : KeyOf(row);
        var live = _live.GetOrAdd(key, k => new LiveSection(new Lazy<RenderedSection>(() => Render(row, k)), _uses[k]));
        var section = live.Section.Value;
        if (Interlocked.Decrement(ref live.UsesLeft) == 0)
            _live.TryRemove(key, out _);
        return section;
    }).ToList();

    private RenderedSection Render(HistoryRow row, SectionKey key)
    {
        var model = Build(row, Runs(key.Input), _compared?.Of(row.SnapshotId, row.Recipe), key.Baseline);
        // Rendered in the one escaping context like any include, so its markup is as trusted as an include's.
        var markup = t_markup ??= new MemoryStream();
        markup.SetLength(0);
        _templates.RenderUtf8(Template, model, markup);
        return Split(model, markup.GetBuffer().AsSpan(0, (int)markup.Length));
    }

    /// <summary>
    /// Where this thread renders its sections, kept from one to the next: a section's markup is split into arrays of its
    /// own, and a new stream grew through a dozen buffers to reach a section's size, over a thousand times a report.
    /// </summary>
    [ThreadStatic]
    private static MemoryStream? t_markup;

    /// <summary>A section some page still to be written shows, and how many pages still show it.</summary>
    private sealed class LiveSection(Lazy<RenderedSection> section, int usesLeft)
    {
        public readonly Lazy<RenderedSection> Section = section;
        public int UsesLeft = usesLeft;
    }

    /// <summary>
    /// What a section is drawn from: the recipe's runs, and when the gate compared it with a baseline of other runs,
    /// those runs and the gate's change (its bracket is drawn). A baseline of the same runs adds only words to the
    /// legend, which the page writes: the gate's interval on an unchanged recipe moves a little from build to build
    /// (its seed prior is pooled over the ledger), and the section is still shared.
    /// </summary>
    private readonly record struct SectionKey(RecipeInput Input, bool Compared, RecipeInput? Baseline, AsymptoteChange? Change);

    private SectionKey KeyOf(HistoryRow row)
    {
        if (_compared?.Of(row.SnapshotId, row.Recipe) is not { } compared)
            return new SectionKey(_fits.InputOf(row), false, null, null);
        var (input, baseline) = (_fits.InputOf(row), _fits.InputOf(compared.Row));
        return baseline == input ? new SectionKey(input, true, null, null) : new SectionKey(input, true, baseline, compared.Change);
    }

    /// <summary>By name, so the legend reads in order and a run keeps its colour from snapshot to snapshot.</summary>
    private List<StoredRun> Runs(RecipeInput input) =>
        _fits.RunsOf(input).OrderBy(run => run.RunName, StringComparer.Ordinal).ThenBy(run => run.Digest, StringComparer.Ordinal).ToList();

    /// <param name="markup">The section as UTF-8; the slot is ASCII, so it is found in the bytes where it is in the text.</param>
    private RenderedSection Split(RecipeSection model, ReadOnlySpan<byte> markup)
    {
        var slot = model.Baseline is null ? -1 : markup.IndexOf(_baselineSlotUtf8);
        return slot < 0
            ? new RenderedSection(model, TrustedHtml.FromUtf8(markup.ToArray()), null)
            : new RenderedSection(model, TrustedHtml.FromUtf8(markup[..slot].ToArray()), TrustedHtml.FromUtf8(markup[(slot + _baselineSlotUtf8.Length)..].ToArray()));
    }

    /// <param name="baselineInput">The baseline's runs when they differ from this build's; null when the same runs (one fit, drawn once) or no baseline.</param>
    private RecipeSection Build(HistoryRow row, IReadOnlyList<StoredRun> runs, ComparedFit? compared, RecipeInput? baselineInput)
    {
        var fit = row.Fit;
        var target = FittedRuns.TargetOf(fit, runs, _options);
        var baselineRuns = baselineInput is { } b ? _fits.RunsOf(b) : null;
        var baseline = baselineRuns is null ? null : new BaselineCurve(baselineRuns.Select(r => r.Points).ToList(), compared!.Row.Fit, compared.Change);
        var plot = CurvePlot.Build(runs.Select(r => r.Points).ToList(), fit, target, _options.Window, baseline);
        return new RecipeSection(
            row.Recipe, ReportFileNames.Recipe(row.Recipe), fit.Model.Name(), FitRecords.StatusName(fit.Status), fit.Reason,
            plot is null ? null : CurvePlotSvg.Write(plot, PlotDescriptions.Curve(row.Recipe, fit, runs.Count, runs.Sum(r => r.Points.Count), plot, baseline?.Fit, baseline?.Change)),
            PlotNote(plot),
            runs.Select((r, i) => new RunKey(r.RunName, RunMarker(i), r.Points.Count)).ToList(),
            fit.Parameters.Select(p => new ParameterRow(p.Name, Short(p.Value), Short(p.StandardError),
                p.Value != 0 ? Percent(Math.Abs(p.StandardError / p.Value)) : "n/a", Interval(p.Interval))).ToList(),
            FitNotes.Of(fit),
            compared is null ? null : new BaselineKey(_baselineSlot, baselineRuns is null ? null : BaselineMarker,
                baselineRuns is null ? "the same runs as this build, so the same fit, drawn once" : "muted: " + Counts(baselineRuns.Count, baselineRuns.Sum(r => r.Points.Count))),
            plot?.Numbers ?? []);
    }

    private static string Counts(int runs, int points) =>
        $"{runs} {(runs == 1 ? "run" : "runs")}, {points} {(points == 1 ? "point" : "points")}";

    private string? PlotNote(CurvePlot? plot)
    {
        if (plot is null)
            return "No point at a positive compute: nothing to plot on a log axis.";
        var notes = new List<string>();
        if (_options.Window is { } window)
            notes.Add($"Fitted on {window.Describe()}: {plot.PointsLeftOut} points outside it (shaded) are drawn but not fitted.");
        if (plot.HiddenPoints > 0)
            notes.Add($"{plot.HiddenPoints} points at compute 0 are not shown on the log axis.");
        if (plot.ThinnedPoints > 0)
            notes.Add($"{plot.ThinnedPoints} crowded points are not drawn: in every slice of the plot narrower than a marker, each run shows its highest and lowest point. Every point is fitted and counted.");
        return notes.Count > 0 ? string.Join(" ", notes) : null;
    }

    private static TrustedHtml RunMarker(int run) =>
        new Svg(14, 14, null, "marker").Marker(7, 7, OkabeIto.Shape(run), OkabeIto.Colour(run), "point", 4.5).Close();

    private static readonly TrustedHtml BaselineMarker = new Svg(14, 14, null, "marker").HollowMarkers([new PlotPoint(7, 7)], CurvePlotSvg.BaselineColour).Close();
}
