using Ledger.Core.Pipeline;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// A recipe's A over the baseline branch's snapshots as a word-sized line for the index: oldest left, on the recipe's
/// own scale (its lowest to its highest A), the newest value dotted. Only identified A values are drawn.
/// </summary>
internal static class Sparkline
{
    public const double Width = 120;
    public const double Height = 22;
    private const double Margin = 3;

    /// <param name="rows">The recipe's rows on the baseline branch, oldest first.</param>
    /// <returns>Null with fewer than two identified values: no line to draw.</returns>
    public static TrustedHtml? Of(string recipe, string branch, IEnumerable<HistoryRow> rows)
    {
        var values = rows.Select(r => r.Fit.IdentifiedAsymptote?.Value).OfType<double>().Where(double.IsFinite).ToList();
        if (values.Count < 2)
            return null;
        var (low, high) = (values.Min(), values.Max());
        // A flat history is drawn mid-height rather than dividing by a zero span.
        double Y(double a) => high > low ? Height - Margin - (a - low) / (high - low) * (Height - 2 * Margin) : Height / 2;
        double X(int i) => Margin + i * (Width - 2 * Margin) / (values.Count - 1);
        var points = values.Select((a, i) => new PlotPoint(X(i), Y(a))).ToList();
        return new Svg(Width, Height, PlotDescriptions.Sparkline(recipe, branch, values), "sparkline")
            .Polyline(points, "spark")
            .Marker(points[^1].X, points[^1].Y, MarkerShape.Circle, "#000000", "spark-end", 2.5)
            .Close();
    }
}
