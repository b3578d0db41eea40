using Ledger.Core.Gating;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// Draws an <see cref="AsymptotePlot"/>: interval bars, the baseline branch's snapshots joined by a line and the other
/// branches' as markers of their own, each verdict that needs a look marked above its snapshot (the forest plot's symbols),
/// rings on baselines, the step line through the baseline branch's levels with each change's commit at its column (dashed,
/// and dotted when acknowledged), and a legend of the marks used. The branches' names are in the page's legend under it.
/// </summary>
public static class AsymptotePlotSvg
{
    public static TrustedHtml Write(AsymptotePlot plot, PlotText text)
    {
        var svg = new Svg(PlotFrame.Width, PlotFrame.Height, text);
        PlotAxes.Draw(svg, plot.XTicks, plot.Y.Ticks(), "snapshot (oldest left)", "A (ceiling)");
        foreach (var label in plot.ChangeLabels)
        {
            svg.Line(label.X, PlotFrame.Top, label.X, PlotFrame.Bottom, label.Acknowledged ? "change acknowledged" : "change");
            svg.Text(label.X + 3, PlotFrame.Top + 12, label.Text, "change-label");
        }
        foreach (var line in plot.StepLines)
            svg.Polyline(line, "steps");
        foreach (var point in plot.Points)
        {
            svg.Line(point.X, point.BarTop, point.X, point.BarBottom, "bar");
            svg.Line(point.X - 3, point.BarTop, point.X + 3, point.BarTop, "bar");
            svg.Line(point.X - 3, point.BarBottom, point.X + 3, point.BarBottom, "bar");
        }
        if (plot.Branches.FirstOrDefault() is { Joined: true } joined)
            svg.Polyline(plot.Series, "series", joined.Colour);
        foreach (var point in plot.Points)
        {
            var branch = plot.Branches[point.Branch];
            svg.Marker(point.X, point.Y, branch.Shape, branch.Colour, "point " + PlottedBranch.CssClass(point.Branch), 4);
            if (point.IsBaseline)
                svg.Marker(point.X, point.Y, MarkerShape.Circle, "#000000", "ring", 8);
            if (VerdictOf(point.Mark) is { } verdict)
            {
                var style = VerdictStyle.Of(verdict.Name());
                svg.Marker(point.X, point.BarTop - 9, style.Shape, style.Colour, "verdict-mark " + verdict.Name(), 4);
            }
        }

        var row = 0;
        var marks = plot.Points.Select(p => p.Mark).ToHashSet();
        foreach (var (mark, words) in new[] { (AsymptoteMark.Regressed, "regressed"), (AsymptoteMark.Allowed, "allowed regression"), (AsymptoteMark.Improved, "improved") })
        {
            if (!marks.Contains(mark))
                continue;
            var style = VerdictStyle.Of(VerdictOf(mark)!.Value.Name());
            PlotAxes.LegendRow(svg, row++, words, (s, x, y) => s.Marker(x + 12, y, style.Shape, style.Colour, "key", 4));
        }
        PlotAxes.LegendRow(svg, row++, "interval", (s, x, y) => s.Line(x + 12, y - 7, x + 12, y + 7, "bar key"));
        if (plot.Points.Any(p => p.IsBaseline))
            PlotAxes.LegendRow(svg, row++, "baseline", (s, x, y) => s.Marker(x + 12, y, MarkerShape.Circle, "#000000", "key ring", 8));
        if (plot.StepLines.Any(line => line.Count > 0))
            PlotAxes.LegendRow(svg, row++, "steps", (s, x, y) => s.Line(x, y, x + 24, y, "steps key"));
        if (plot.ChangeLabels.Any(l => !l.Acknowledged))
            PlotAxes.LegendRow(svg, row++, "change (commit)", (s, x, y) => s.Line(x + 12, y - 8, x + 12, y + 8, "change key"));
        if (plot.ChangeLabels.Any(l => l.Acknowledged))
            PlotAxes.LegendRow(svg, row, "acknowledged", (s, x, y) => s.Line(x + 12, y - 8, x + 12, y + 8, "change acknowledged key"));
        return svg.Close();
    }

    /// <summary>A branch's key for the page's legend: its marker, joined by a stroke when the branch is a series.</summary>
    public static TrustedHtml BranchKey(PlottedBranch branch, int index)
    {
        var svg = new Svg(28, 14, null, "swatch");
        if (branch.Joined)
            svg.Line(1, 7, 27, 7, "series", branch.Colour);
        return svg.Marker(14, 7, branch.Shape, branch.Colour, "point " + PlottedBranch.CssClass(index), 4).Close();
    }

    private static VerdictKind? VerdictOf(AsymptoteMark mark) => mark switch
    {
        AsymptoteMark.Regressed => VerdictKind.Regressed,
        AsymptoteMark.Allowed => VerdictKind.Allowed,
        AsymptoteMark.Improved => VerdictKind.Improved,
        _ => null,
    };
}
