namespace Ledger.Core.Reporting.Html;

/// <summary>
/// The size of every plot and where its drawing area sits inside it, in SVG user units. The fixed legend takes
/// the strip right of the drawing area, so it never covers data; the margins hold the tick labels and axis titles.
/// </summary>
public static class PlotFrame
{
    public const double Width = 720;
    public const double Height = 384;
    public const double Left = 64;
    public const double Right = 560;
    public const double Top = 16;
    public const double Bottom = 328;
    public const double LegendX = 576;
}
