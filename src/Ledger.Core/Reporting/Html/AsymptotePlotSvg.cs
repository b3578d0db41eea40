namespace Ledger.Core.Reporting.Html;

/// <summary>
/// Draws an <see cref="AsymptotePlot"/>: interval bars, markers by verdict, rings on baselines, the step line through the
/// branch's levels with each change's commit at its column (dashed, and dotted when acknowledged), and a legend of the
/// marks used.
/// </summary>
public static class AsymptotePlotSvg
{
    public static TrustedHtml Write(AsymptotePlot plot)
    {
        var svg = new Svg(PlotFrame.Width, PlotFrame.Height, "the recipe's ceiling A in each snapshot, oldest first");
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
        foreach (var point in plot.Points)
        {
            var (shape, colour) = Style(point.Mark);
            svg.Marker(point.X, point.Y, shape, colour, point.Mark == AsymptoteMark.Allowed ? "point hollow" : "point", 4);
            if (point.IsBaseline)
                svg.Marker(point.X, point.Y, MarkerShape.Circle, "#000000", "ring", 8);
        }

        var row = 0;
        var marks = plot.Points.Select(p => p.Mark).ToHashSet();
        foreach (var (mark, words) in new[] { (AsymptoteMark.Plain, "A"), (AsymptoteMark.Regressed, "regressed"), (AsymptoteMark.Allowed, "allowed regression"), (AsymptoteMark.Improved, "improved") })
        {
            if (!marks.Contains(mark))
                continue;
            var (shape, colour) = Style(mark);
            PlotAxes.LegendRow(svg, row++, words, (s, x, y) => s.Marker(x + 12, y, shape, colour, mark == AsymptoteMark.Allowed ? "key hollow" : "key", 4));
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

    private static (MarkerShape Shape, string Colour) Style(AsymptoteMark mark) => mark switch
    {
        AsymptoteMark.Regressed => (MarkerShape.Triangle, OkabeIto.Vermillion),
        AsymptoteMark.Allowed => (MarkerShape.Triangle, OkabeIto.Orange),
        AsymptoteMark.Improved => (MarkerShape.Diamond, OkabeIto.BluishGreen),
        _ => (MarkerShape.Circle, OkabeIto.Blue),
    };
}
