namespace Ledger.Core.Reporting.Html;

/// <summary>
/// The strips a <see cref="ForestPlot"/> is drawn in, one SVG per table row on the same horizontal axis: the tolerance
/// band and the zero line in every strip, so they run down the whole plot; the change's marker and interval in its row;
/// and the axis' ticks and labels in the strip of the header row.
/// </summary>
internal sealed class ForestStrip
{
    public const double Width = 420;
    public const double Height = 22;
    public const double AxisHeight = 26;
    public const double Left = 24;
    public const double Right = Width - 24;

    private readonly LinearAxis _axis;
    private readonly ToleranceBand _band;

    /// <summary>
    /// The band and the zero line of a row's strip, the same in every row: drawn once per plot rather than once per row
    /// (a 1,000-snapshot report draws 50,000 rows).
    /// </summary>
    private readonly TrustedHtml _rowFrame;

    public ForestStrip(LinearAxis axis, ToleranceBand band)
    {
        (_axis, _band) = (axis, band);
        _rowFrame = Frame(Svg.Fragment(), Height).CloseFragment();
    }

    public TrustedHtml Row(double change, double lower, double upper, VerdictStyle style, PlotText text)
    {
        var svg = new Svg(Width, Height, text, "strip").Include(_rowFrame);
        var (x, y) = (_axis.Map(change), Height / 2);
        svg.Line(_axis.Map(lower), y, _axis.Map(upper), y, "interval");
        svg.Line(_axis.Map(lower), y - 4, _axis.Map(lower), y + 4, "interval");
        svg.Line(_axis.Map(upper), y - 4, _axis.Map(upper), y + 4, "interval");
        svg.Marker(x, y, style.Shape, style.Colour, style.Filled ? "verdict" : "verdict hollow", 5);
        return svg.Close();
    }

    /// <summary>A row whose change the gate did not measure: the band and the zero line only.</summary>
    public TrustedHtml Empty(PlotText text) => new Svg(Width, Height, text, "strip").Include(_rowFrame).Close();

    public TrustedHtml Axis()
    {
        var svg = Frame(new Svg(Width, AxisHeight, PlotDescriptions.ForestAxis(_axis, _band), "strip"), AxisHeight);
        foreach (var tick in _axis.Ticks())
        {
            svg.Line(tick.Position, AxisHeight - 6, tick.Position, AxisHeight, "tick");
            svg.Text(tick.Position, AxisHeight - 10, tick.Label, "xlabel");
        }
        return svg.Close();
    }

    private Svg Frame(Svg svg, double height)
    {
        var edge = _axis.Map(_band.Edge);
        // The side of the tolerance where a change fails the gate, shaded; its edge drawn as a line.
        if (_band.LowerIsBetter)
            svg.Rect(edge, 0, Right - edge, height, "tolerance");
        else
            svg.Rect(Left, 0, edge - Left, height, "tolerance");
        svg.Line(edge, 0, edge, height, "tolerance-edge");
        var zero = _axis.Map(0);
        svg.Line(zero, 0, zero, height, "zero");
        return svg;
    }
}
