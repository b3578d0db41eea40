using System.Globalization;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// Draws a <see cref="CurvePlot"/> as SVG: the compute left out of the fit shaded, the band under the curve, the curve,
/// the dashed extrapolation, A and C_mid, the observed points on top, and a legend of the line styles (the runs' names are listed in the page
/// around it, where the template escapes them). Legend keys carry the class "key" besides their style's, so a
/// reader (or a test) can tell the drawing from the legend.
/// </summary>
public static class CurvePlotSvg
{
    public static TrustedHtml Write(CurvePlot plot, PlotText text)
    {
        var svg = new Svg(PlotFrame.Width, PlotFrame.Height, text);
        PlotAxes.Draw(svg, plot.X.Ticks(), plot.Y.Ticks(), "RL compute (GPU-hours, log scale)", "reward");
        foreach (var (left, right) in plot.LeftOut)
            svg.Rect(left, PlotFrame.Top, right - left, PlotFrame.Bottom - PlotFrame.Top, "left-out");
        if (plot.Baseline is { } baseline)
            DrawBaseline(svg, baseline);
        svg.Polygon(plot.Band, "band");
        if (plot.AsymptoteY is { } a)
            svg.Line(PlotFrame.Left, a, PlotFrame.Right, a, "asymptote");
        if (plot.MidpointX is { } m)
            svg.Line(m, PlotFrame.Top, m, PlotFrame.Bottom, "midpoint");
        svg.Polyline(plot.Fit, "fit");
        svg.Polyline(plot.Extrapolation, "extrapolation");
        foreach (var series in plot.Series)
        {
            svg.Markers(series.Points, series.Shape, series.Colour);
        }
        if (plot.Target is { } t)
            svg.Marker(t.X, t.Y, MarkerShape.Diamond, "#000000", "target", 5);
        if (plot.Change is { } change)
            DrawChange(svg, change);

        var row = 0;
        PlotAxes.LegendRow(svg, row++, "observed", (s, x, y) => s.Marker(x + 12, y, MarkerShape.Circle, "#555555", "key"));
        if (plot.Fit.Count > 0)
            PlotAxes.LegendRow(svg, row++, "fitted curve", (s, x, y) => s.Line(x, y, x + 24, y, "fit key"));
        if (plot.Band.Count > 0)
            PlotAxes.LegendRow(svg, row++, Percent(plot.ConfidenceLevel) + " band", (s, x, y) => s.Rect(x, y - 5, 24, 10, "band key"));
        if (plot.Extrapolation.Count > 0)
            PlotAxes.LegendRow(svg, row++, "extrapolation", (s, x, y) => s.Line(x, y, x + 24, y, "extrapolation key"));
        if (plot.Target is not null)
            PlotAxes.LegendRow(svg, row++, "target compute", (s, x, y) => s.Marker(x + 12, y, MarkerShape.Diamond, "#000000", "key target", 5));
        if (plot.AsymptoteY is not null)
            PlotAxes.LegendRow(svg, row++, "A (ceiling)", (s, x, y) => s.Line(x, y, x + 24, y, "asymptote key"));
        if (plot.MidpointX is not null)
            PlotAxes.LegendRow(svg, row++, "C_mid", (s, x, y) => s.Line(x + 12, y - 7, x + 12, y + 7, "midpoint key"));
        if (plot.LeftOut.Count > 0)
            PlotAxes.LegendRow(svg, row++, "not fitted", (s, x, y) => s.Rect(x, y - 5, 24, 10, "left-out key"));
        if (plot.Baseline is { } drawn)
        {
            // The baseline's name (a branch and commit) is in the page's legend under the plot, where the template escapes it.
            PlotAxes.LegendRow(svg, row++, "baseline points", (s, x, y) => s.HollowMarkers([new PlotPoint(x + 12, y)], BaselineColour, "points hollow key"));
            if (drawn.Fit.Count > 0)
                PlotAxes.LegendRow(svg, row++, "baseline fit", (s, x, y) => s.Line(x, y, x + 24, y, "fit baseline key"));
            if (drawn.AsymptoteY is not null)
                PlotAxes.LegendRow(svg, row++, "baseline A", (s, x, y) => s.Line(x, y, x + 24, y, "asymptote baseline key"));
        }
        if (plot.Change is not null)
            PlotAxes.LegendRow(svg, row, "change in A", (s, x, y) => s.Line(x + 12, y - 7, x + 12, y + 7, "delta-bracket key"));
        return svg.Close();
    }

    /// <summary>The baseline's colour: a grey that stays behind this build's black curve and palette points.</summary>
    public const string BaselineColour = "#8c8c8c";

    private static void DrawBaseline(Svg svg, BaselineLayer baseline)
    {
        svg.Polygon(baseline.Band, "band baseline");
        if (baseline.AsymptoteY is { } a)
            svg.Line(PlotFrame.Left, a, PlotFrame.Right, a, "asymptote baseline");
        svg.Polyline(baseline.Fit, "fit baseline");
        svg.Polyline(baseline.Extrapolation, "extrapolation baseline");
        foreach (var run in baseline.Runs)
            svg.HollowMarkers(run, BaselineColour);
    }

    /// <summary>The bracket from the baseline's A to the build's, ticked at both ends, with the gate's interval as a whisker beside it and its numbers left of it.</summary>
    private static void DrawChange(Svg svg, ChangeBracket change)
    {
        svg.Line(change.X + 8, change.LowerY, change.X + 8, change.UpperY, "delta-interval");
        svg.Line(change.X + 5, change.LowerY, change.X + 11, change.LowerY, "delta-interval");
        svg.Line(change.X + 5, change.UpperY, change.X + 11, change.UpperY, "delta-interval");
        svg.Polyline([new PlotPoint(change.X - 6, change.FromY), new PlotPoint(change.X, change.FromY), new PlotPoint(change.X, change.ToY), new PlotPoint(change.X - 6, change.ToY)], "delta-bracket");
        // Between the two A lines when they leave room for a line of text: right of the data, where only the
        // extrapolations run. Else beside the bracket's far end, on the side away from the other line.
        var textY = Math.Abs(change.ToY - change.FromY) >= 16 ? (change.FromY + change.ToY) / 2 + 4
            : change.ToY < change.FromY ? change.ToY - 6 : change.ToY + 14;
        svg.Text(change.X - 10, textY, change.Label, "delta-label");
    }

    private static string Percent(double level) => (level * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
