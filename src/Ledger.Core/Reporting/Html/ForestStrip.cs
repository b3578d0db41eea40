namespace Ledger.Core.Reporting.Html;

/// <summary>
/// The strips a <see cref="ForestPlot"/> is drawn in, one SVG per table row on the same horizontal axis: the tolerance
/// band and the zero line in every strip, so they run down the whole plot; the change's marker and interval in its row;
/// and the axis' ticks and labels in the strip of the header row.
/// </summary>
internal static class ForestStrip
{
    public const double Width = 420;
    public const double Height = 22;
    public const double AxisHeight = 26;
    public const double Left = 24;
    public const double Right = Width - 24;

    public static TrustedHtml Row(LinearAxis axis, ToleranceBand band, double change, double lower, double upper, VerdictStyle style, PlotText text)
    {
        var svg = Frame(axis, band, Height, text);
        var (x, y) = (axis.Map(change), Height / 2);
        svg.Line(axis.Map(lower), y, axis.Map(upper), y, "interval");
        svg.Line(axis.Map(lower), y - 4, axis.Map(lower), y + 4, "interval");
        svg.Line(axis.Map(upper), y - 4, axis.Map(upper), y + 4, "interval");
        svg.Marker(x, y, style.Shape, style.Colour, style.Filled ? "verdict" : "verdict hollow", 5);
        return svg.Close();
    }

    /// <summary>A row whose change the gate did not measure: the band and the zero line only.</summary>
    public static TrustedHtml Empty(LinearAxis axis, ToleranceBand band, PlotText text) => Frame(axis, band, Height, text).Close();

    public static TrustedHtml Axis(LinearAxis axis, ToleranceBand band)
    {
        var svg = Frame(axis, band, AxisHeight, PlotDescriptions.ForestAxis(axis, band));
        foreach (var tick in axis.Ticks())
        {
            svg.Line(tick.Position, AxisHeight - 6, tick.Position, AxisHeight, "tick");
            svg.Text(tick.Position, AxisHeight - 10, tick.Label, "xlabel");
        }
        return svg.Close();
    }

    private static Svg Frame(LinearAxis axis, ToleranceBand band, double height, PlotText text)
    {
        var svg = new Svg(Width, height, text, "strip");
        var edge = axis.Map(band.Edge);
        // The side of the tolerance where a change fails the gate, shaded; its edge drawn as a line.
        if (band.LowerIsBetter)
            svg.Rect(edge, 0, Right - edge, height, "tolerance");
        else
            svg.Rect(Left, 0, edge - Left, height, "tolerance");
        svg.Line(edge, 0, edge, height, "tolerance-edge");
        var zero = axis.Map(0);
        svg.Line(zero, 0, zero, height, "zero");
        return svg;
    }
}
