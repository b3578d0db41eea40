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

/// <summary>
/// The baseline in a plot's legend: its marker (none when it has the build's own runs, drawn once) and how many runs
/// and points. <see cref="Name"/> is a placeholder where each page writes the baseline's branch and commit and the
/// gate's change in A (<see cref="RenderedSection.Rest"/>).
/// </summary>
public sealed record BaselineKey(string Name, TrustedHtml? Marker, string Counts);

/// <summary>
/// A recipe's section on a snapshot page: its plot and the plot in numbers (<see cref="CurveNumbers"/>), its runs (and the
/// baseline's), its parameters and what the fit says.
/// </summary>
public sealed record RecipeSection(
    string Recipe, string Href, string Model, string Status, string? Reason, TrustedHtml? Plot, string? PlotNote,
    IReadOnlyList<RunKey> Runs, IReadOnlyList<ParameterRow> Parameters, IReadOnlyList<string> Notes, BaselineKey? Baseline = null,
    IReadOnlyList<CurveNumberRow>? Numbers = null);

/// <summary>
/// A recipe section with its markup, rendered once by <see cref="RecipeSections"/>; pages place the markup, custom
/// templates may read the model. A section drawn with a baseline is shared by pages whose baselines are different
/// snapshots with the same runs, so its markup comes in two parts: <see cref="Html"/> up to the baseline's name, and
/// <see cref="Rest"/> after it (null without a baseline); the page writes the name between them.
/// </summary>
public sealed record RenderedSection(RecipeSection Model, TrustedHtml Html, TrustedHtml? Rest = null);

/// <summary>
/// A section as one page places it: the shared markup, its anchor on the page, the snapshot this page's gate compared
/// the recipe with, and the gate's change in A and its interval as text (null when it measured none).
/// </summary>
public sealed record PlacedSection(RenderedSection Section, string Anchor, SnapshotRef? Baseline, string? Change = null)
{
    public TrustedHtml Html => Section.Html;
    public TrustedHtml? Rest => Section.Rest;
    public RecipeSection Model => Section.Model;
}

/// <summary>The page of one snapshot: the verdicts when the gate stored any, else every recipe's fit status; then a section per recipe.</summary>
public sealed record SnapshotPageModel(
    string Title, SnapshotRef Snapshot, bool HasVerdicts, ForestPlot? Forest, IReadOnlyList<VerdictRow> Verdicts, IReadOnlyList<StatusRow> Statuses,
    IReadOnlyList<PlacedSection> Recipes)
{
    /// <param name="sections">The snapshot's recipe sections, in the order of its rows in <paramref name="data"/>.</param>
    /// <param name="compared">The baselines the gate compared the snapshot's recipes with, whose names the sections show.</param>
    /// <param name="band">The tolerance the forest plot shades; the default tolerance, higher is better, when null.</param>
    public static SnapshotPageModel Build(Snapshot snapshot, ReportData data, IReadOnlyList<RenderedSection> sections, ComparedFits? compared = null,
        ToleranceBand? band = null)
    {
        var rows = data.RowsOf(snapshot.Id);
        var verdicts = data.VerdictsOf(snapshot.Id);
        var fits = rows.ToDictionary(r => r.Recipe, StringComparer.Ordinal);
        var anchors = sections.Select((s, i) => (s.Model.Recipe, Anchor: Anchor(i)))
            .ToDictionary(s => s.Recipe, s => s.Anchor, StringComparer.Ordinal);
        return new SnapshotPageModel(
            $"Snapshot {snapshot.Id}: {snapshot.Branch}@{AppendText.ShortCommit(snapshot.Commit)}",
            data.RefsById[snapshot.Id],
            verdicts.Count > 0,
            ForestPlot.Build(verdicts, band ?? new ToleranceBand(FitOptions.DefaultTolerance, false), anchors),
            VerdictOrder.Ordered(verdicts).Select(v => Verdict(v, fits.GetValueOrDefault(v.Recipe), data)).ToList(),
            rows.Select(r => new StatusRow(r.Recipe, data.RecipeFile(r.Recipe), r.Runs, r.Points, FitRecords.StatusName(r.Fit.Status),
                AsymptoteCells.Value(r.Fit), AsymptoteCells.IntervalText(r.Fit), r.Fit.Reason ?? "")).ToList(),
            sections.Select(s => Placed(s, anchors[s.Model.Recipe], compared?.Of(snapshot.Id, s.Model.Recipe))).ToList());
    }

    private static PlacedSection Placed(RenderedSection section, string anchor, ComparedFit? compared) => new(
        section, anchor, compared?.Baseline,
        compared?.Change is { } c ? $"{AsymptoteCells.Signed(c.Delta)} {Interval(new Interval(c.Lower, c.Upper))}" : null);

    /// <summary>The id of the section at <paramref name="index"/> (0-based) of a snapshot page: sections come in the order of the snapshot's rows.</summary>
    public static string Anchor(int index) => "recipe-" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static VerdictRow Verdict(StoredVerdict v, HistoryRow? row, ReportData data) => new(
        v.Recipe, data.RecipeFile(v.Recipe), v.Verdict,
        row is null ? "-" : AsymptoteCells.Value(row.Fit),
        v.DeltaA is { } d ? AsymptoteCells.Signed(d) : "-",
        v.Lower is { } lo && v.Upper is { } hi ? Interval(new Interval(lo, hi)) : "-",
        v.BaselineSnapshotId is { } b && data.RefsById.TryGetValue(b, out var baseline) ? baseline : null,
        v.RegimeChange, v.Reason ?? "");
}
