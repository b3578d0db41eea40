namespace Ledger.Core.Reporting.Html;

/// <summary>The frame, grid, ticks, tick labels and axis titles every plot shares.</summary>
internal static class PlotAxes
{
    public static Svg Draw(Svg svg, IReadOnlyList<AxisTick> xTicks, IReadOnlyList<AxisTick> yTicks, string xTitle, string yTitle)
    {
        foreach (var tick in yTicks)
        {
            svg.Line(PlotFrame.Left, tick.Position, PlotFrame.Right, tick.Position, "grid");
            svg.Line(PlotFrame.Left - 5, tick.Position, PlotFrame.Left, tick.Position, "tick");
            svg.Text(PlotFrame.Left - 8, tick.Position + 4, tick.Label, "ylabel");
        }
        foreach (var tick in xTicks)
        {
            if (tick.IsMajor)
            {
                svg.Line(tick.Position, PlotFrame.Top, tick.Position, PlotFrame.Bottom, "grid");
                svg.Text(tick.Position, PlotFrame.Bottom + 18, tick.Label, "xlabel");
                if (tick.Detail.Length > 0)
                    svg.Text(tick.Position, PlotFrame.Bottom + 31, tick.Detail, "xlabel");
            }
        }
        svg.VerticalStrokes(xTicks.Where(t => t.IsMajor).Select(t => t.Position), PlotFrame.Bottom, 6, "tick");
        svg.VerticalStrokes(xTicks.Where(t => !t.IsMajor).Select(t => t.Position), PlotFrame.Bottom, 3, "tick");
        svg.Rect(PlotFrame.Left, PlotFrame.Top, PlotFrame.Right - PlotFrame.Left, PlotFrame.Bottom - PlotFrame.Top, "frame");
        svg.Text((PlotFrame.Left + PlotFrame.Right) / 2, PlotFrame.Bottom + 46, xTitle, "title");
        svg.VerticalText(16, (PlotFrame.Top + PlotFrame.Bottom) / 2, yTitle, "title");
        return svg;
    }

    /// <summary>One legend row at <paramref name="row"/> (0 = top): the key drawn by <paramref name="key"/>, then its words.</summary>
    public static void LegendRow(Svg svg, int row, string words, Action<Svg, double, double> key)
    {
        var y = PlotFrame.Top + 10 + row * 20;
        key(svg, PlotFrame.LegendX, y);
        svg.Text(PlotFrame.LegendX + 30, y + 4, words, "legend");
    }
}
