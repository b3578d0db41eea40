using System.Globalization;

namespace Ledger.Core.Reporting.Html;

/// <summary>How one snapshot's A is marked on a recipe's plot over time.</summary>
public enum AsymptoteMark
{
    /// <summary>A fitted A with no verdict, or a verdict that needs no mark.</summary>
    Plain,
    Regressed,
    /// <summary>A significant regression that the allow-list accepted.</summary>
    Allowed,
    Improved,
}

/// <summary>One snapshot's A with its interval (an open side is infinite), how it is marked, whether later snapshots were gated against it, and its branch.</summary>
public sealed record AsymptoteSample(long Snapshot, DateTimeOffset Time, double A, double Lower, double Upper, AsymptoteMark Mark, bool IsBaseline, string Branch = "");

/// <summary>
/// One drawn snapshot: its marker, its interval bar (ends held to the plot), whether it is ringed as a baseline, and its
/// branch as an index into <see cref="AsymptotePlot.Branches"/>.
/// </summary>
public sealed record AsymptotePoint(double X, double Y, double BarTop, double BarBottom, AsymptoteMark Mark, bool IsBaseline, int Branch = 0);

/// <summary>
/// A branch on the plot: its name (user text: the page writes it, never the SVG), its marker, how many snapshots it has
/// there, and whether its points are joined into a series (the baseline branch's only).
/// </summary>
public sealed record PlottedBranch(string Name, string Colour, MarkerShape Shape, int Snapshots, bool Joined)
{
    /// <summary>The class its markers carry, by its place in the legend: branch-0, branch-1, ...</summary>
    public static string CssClass(int index) => "branch-" + index.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A change's label on the plot: its column, its words (hex digits or a snapshot number), and whether it was acknowledged.</summary>
public sealed record ChangeLabel(double X, string Text, bool Acknowledged);

/// <summary>
/// The geometry of a recipe's A over time: one column per snapshot with an identified A, oldest left, evenly
/// spaced (snapshots come at irregular times; order is what a reader follows), with interval bars, the baselines
/// ringed and regressions marked. A few columns are labelled with their snapshot's id and date. The baseline branch's
/// snapshots are joined into one series; every other branch's stand apart, a marker shape and colour per branch, so a pull
/// request's builds never read as main's history. With the baseline branch's steps, a line through their levels (one
/// per stretch between acknowledged changes) and each change's commit at its column.
/// </summary>
public sealed class AsymptotePlot
{
    private const int MaxDateLabels = 6;

    public required LinearAxis Y { get; init; }
    public required IReadOnlyList<AsymptotePoint> Points { get; init; }
    public required IReadOnlyList<AxisTick> XTicks { get; init; }

    /// <summary>The branches drawn, the baseline branch first when it has a snapshot here, then the others as they first appear.</summary>
    public IReadOnlyList<PlottedBranch> Branches { get; init; } = [];

    /// <summary>The baseline branch's snapshots joined, oldest first; empty when it has fewer than two.</summary>
    public IReadOnlyList<PlotPoint> Series { get; init; } = [];

    /// <summary>The step line, one polyline per stretch of the branch's history; empty without steps.</summary>
    public IReadOnlyList<IReadOnlyList<PlotPoint>> StepLines { get; init; } = [];

    public IReadOnlyList<ChangeLabel> ChangeLabels { get; init; } = [];

    /// <returns>Null when there is no sample to draw.</returns>
    /// <param name="steps">The baseline branch's steps (their snapshots among the samples'); null to draw none.</param>
    /// <param name="baselineBranch">The branch whose snapshots are joined into a series; null to join none.</param>
    public static AsymptotePlot? Build(IReadOnlyList<AsymptoteSample> samples, AsymptoteSteps? steps = null, string? baselineBranch = null)
    {
        if (samples.Count == 0)
            return null;
        var finite = samples.SelectMany(s => new[] { s.A, s.Lower, s.Upper }).Where(double.IsFinite).ToList();
        var y = new LinearAxis(finite.Min(), finite.Max(), PlotFrame.Bottom, PlotFrame.Top);
        // Half a column of space at either end, so the first and last bars are not drawn on the frame.
        var column = (PlotFrame.Right - PlotFrame.Left) / samples.Count;
        double X(int i) => PlotFrame.Left + column * (i + 0.5);
        var every = (int)Math.Ceiling(samples.Count / (double)MaxDateLabels);
        var columns = samples.Select((s, i) => (s.Snapshot, Column: i)).ToDictionary(c => c.Snapshot, c => c.Column);
        // Counted in one pass: a CI ledger has a branch per pull request, hundreds of them beside main's snapshots.
        var counts = samples.CountBy(s => s.Branch, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        var names = samples.Select(s => s.Branch).Distinct(StringComparer.Ordinal)
            .OrderBy(b => b == baselineBranch ? 0 : 1).ToList();
        var joined = names[0] == baselineBranch ? 1 : 0;
        var branches = names.Select((name, i) => Style(name, i - joined, name == baselineBranch, counts[name])).ToList();
        var index = names.Select((name, i) => (name, i)).ToDictionary(b => b.name, b => b.i, StringComparer.Ordinal);
        var points = samples.Select((s, i) => new AsymptotePoint(X(i), y.Map(s.A), y.MapClamped(s.Upper), y.MapClamped(s.Lower), s.Mark, s.IsBaseline, index[s.Branch])).ToList();
        var series = points.Where(p => branches[p.Branch].Joined).Select(p => new PlotPoint(p.X, p.Y)).ToList();
        return new AsymptotePlot
        {
            Branches = branches,
            Series = series.Count > 1 ? series : [],
            StepLines = steps?.Stretches.Select(stretch => StepLine(stretch, columns, X, y, column)).ToList() ?? [],
            ChangeLabels = steps?.Changes.Where(c => columns.ContainsKey(c.Snapshot))
                .Select(c => new ChangeLabel(X(columns[c.Snapshot]), c.Label, c.Acknowledged)).ToList() ?? [],
            Y = y,
            Points = points,
            XTicks = samples.Select((s, i) => (s, i)).Where(p => p.i % every == 0)
                .Select(p => new AxisTick(p.i, X(p.i), "#" + p.s.Snapshot.ToString(CultureInfo.InvariantCulture),
                    p.s.Time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ToList(),
        };
    }

    /// <summary>
    /// The baseline branch in the palette's first colour, as circles; the others in the next colours but vermillion (the
    /// regressions' mark), each with a shape of its own among the first three branches and a new pairing after, so branches
    /// differ by shape as well as colour (in print, and to a colour-blind reader).
    /// </summary>
    /// <param name="other">The branch's place among the branches not joined.</param>
    private static PlottedBranch Style(string name, int other, bool isBaseline, int snapshots)
    {
        if (isBaseline)
            return new PlottedBranch(name, OkabeIto.Blue, MarkerShape.Circle, snapshots, Joined: true);
        string[] colours = [OkabeIto.Orange, OkabeIto.BluishGreen, OkabeIto.ReddishPurple, OkabeIto.SkyBlue, "#000000"];
        MarkerShape[] shapes = [MarkerShape.Square, MarkerShape.Diamond, MarkerShape.Triangle];
        return new PlottedBranch(name, colours[other % colours.Length], shapes[other % shapes.Length], snapshots, Joined: false);
    }

    /// <summary>
    /// A stretch's levels joined in order: each level flat across its columns (a third of a column either side, so a level
    /// of one snapshot shows), the next reached by a straight line, steep for a step, sloping across a drift.
    /// </summary>
    private static IReadOnlyList<PlotPoint> StepLine(IReadOnlyList<LevelSpan> stretch, Dictionary<long, int> columns, Func<int, double> x, LinearAxis y, double column)
    {
        var points = new List<PlotPoint>();
        foreach (var level in stretch)
        {
            if (!columns.TryGetValue(level.FirstSnapshot, out var first) || !columns.TryGetValue(level.LastSnapshot, out var last))
                continue;
            points.Add(new PlotPoint(x(first) - column / 3, y.Map(level.Level)));
            points.Add(new PlotPoint(x(last) + column / 3, y.Map(level.Level)));
        }
        return points;
    }
}
