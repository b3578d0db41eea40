using System.Collections.Concurrent;
using Ledger.Core.Fitting;
using Ledger.Core.Pipeline;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// Every recipe's fitted curve on one log-compute axis (the figure of ScaleRL's readers): the curve over its data,
/// dashed beyond them to the common target compute, its band, and A marked at the plot's right edge, one hue per
/// recipe. One pair of axes serves every snapshot's page, so pages compare by eye and each recipe input's curve is
/// drawn once and placed as bytes in every page that holds it, as the recipe sections are.
/// </summary>
public sealed class AllRecipesPlot
{
    /// <summary>Fewer samples than a recipe's own plot: a page holds dozens of curves, at a smaller scale.</summary>
    private const int Samples = 40;

    private readonly ReportFits _fits;
    private readonly Dictionary<RecipeInput, FittedRuns?> _fitted = [];
    private readonly ConcurrentDictionary<RecipeInput, TrustedHtml> _curves = new();
    private readonly Dictionary<string, int> _hues;
    private readonly Dictionary<string, TrustedHtml> _swatches;
    private readonly LogAxis? _x;
    private readonly LinearAxis? _y;

    /// <summary>The axes every page's plot shares; null when no recipe has a curve.</summary>
    private readonly TrustedHtml? _axes;

    /// <param name="options">The options the fits were made with: the prediction compute and the fit window.</param>
    public AllRecipesPlot(ReportFits fits, FitOptions options)
    {
        _fits = fits;
        var inputs = fits.Rows.Select(r => (Row: r, Input: fits.InputOf(r))).DistinctBy(r => r.Input).ToList();
        // The common target: the one asked for, else the farthest any recipe's own plot reaches.
        Target = options.PredictAt ?? inputs.Select(r => FittedRuns.TargetOf(r.Row.Fit, fits.RunsOf(r.Input), options)).DefaultIfEmpty(0).Max();
        foreach (var (row, input) in inputs)
            _fitted[input] = FittedRuns.Of(fits.RunsOf(input).Select(r => r.Points).ToList(), row.Fit, Target, options.Window, Samples);
        var drawn = _fitted.Values.OfType<FittedRuns>().Where(f => f.Curve is not null).ToList();
        _hues = fits.Rows.Select(r => r.Recipe).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select((recipe, i) => (recipe, i)).ToDictionary(r => r.recipe, r => r.i, StringComparer.Ordinal);
        // Drawn once per recipe: every page's legend shows each recipe's swatch.
        _swatches = _hues.Keys.ToDictionary(recipe => recipe, DrawSwatch, StringComparer.Ordinal);
        if (drawn.Count == 0)
            return;
        _x = new LogAxis(drawn.Min(f => f.Low), drawn.Max(f => Math.Max(f.High, f.Target ?? f.High)), PlotFrame.Left, PlotFrame.Right);
        var values = drawn.SelectMany(f => f.FitComputes.Concat(f.ExtrapolationComputes).Select(c => f.Curve!.Value(c)).Where(double.IsFinite)
            .Concat(f.Asymptote is { } a ? [a] : Array.Empty<double>())).ToList();
        if (values.Count == 0)
            return;
        _y = new LinearAxis(values.Min(), values.Max(), PlotFrame.Bottom, PlotFrame.Top);
        _axes = PlotAxes.Draw(Svg.Fragment(), _x.Ticks(), _y.Ticks(), "RL compute (GPU-hours, log scale)", "reward").CloseFragment();
    }

    /// <summary>The compute every identified curve is extrapolated to.</summary>
    public double Target { get; }

    /// <summary>
    /// The plot's svg element opened, with the page's words for screen readers and the shared axes; null when no recipe
    /// has a curve. A page then places its curves and <see cref="Closing"/>.
    /// </summary>
    public TrustedHtml? Open(PlotText text) => _axes is null ? null : new Svg(AllRecipesFrame.Width, PlotFrame.Height, text).Include(_axes).CloseFragment();

    public static TrustedHtml Closing { get; } = new("</svg>");

    /// <summary>A recipe's colour: one hue per recipe, in the Okabe-Ito palette by the recipe's place among the report's recipes, so it keeps it on every page.</summary>
    public string Colour(string recipe) => OkabeIto.Colour(_hues[recipe]);

    /// <summary>A recipe's marker, drawn at its curve's end: after eight recipes the hues repeat and the shape tells them apart.</summary>
    public MarkerShape Shape(string recipe) => OkabeIto.Shape(_hues[recipe]);

    /// <summary>Whether the row's fit has a curve to draw.</summary>
    public bool HasCurve(HistoryRow row) => _axes is not null && _fitted[_fits.InputOf(row)] is { Curve: not null };

    /// <summary>The reward the row's curve reaches at <see cref="Target"/>, where its dashed line ends; "-" when it is not extrapolated there.</summary>
    public string AtTarget(HistoryRow row) =>
        _fitted[_fits.InputOf(row)] is { Curve: { } curve, Target: { } target } && target == Target ? NumberFormat.Short(curve.Value(target)) : "-";

    /// <summary>The row's curve, band and A mark, as markup inside the plot; drawn on first use and kept (pages drawn side by side may both draw it: the same markup).</summary>
    public TrustedHtml Curve(HistoryRow row)
    {
        var input = _fits.InputOf(row);
        if (_curves.TryGetValue(input, out var drawn))
            return drawn;
        var (fitted, x, y) = (_fitted[input]!, _x!, _y!);
        var (colour, shape) = (Colour(row.Recipe), Shape(row.Recipe));
        var svg = Svg.Fragment();
        svg.Polygon(fitted.BandPolygon(x, y), "recipe-band", colour);
        svg.Polyline(fitted.FitLine(x, y), "curve", colour);
        var extrapolation = fitted.ExtrapolationLine(x, y);
        svg.Polyline(extrapolation, "curve dashed", colour);
        if (fitted.Asymptote is { } a)
            svg.Line(PlotFrame.Right - 14, y.MapClamped(a), PlotFrame.Right, y.MapClamped(a), "a-mark", colour);
        var end = extrapolation.Count > 0 ? extrapolation[^1] : fitted.FitLine(x, y)[^1];
        svg.Marker(end.X, end.Y, shape, colour, "curve-end", 4);
        return _curves.GetOrAdd(input, svg.CloseFragment());
    }

    /// <summary>The recipe's key in the legend: a stroke of its colour through its marker.</summary>
    public TrustedHtml Swatch(string recipe) => _swatches[recipe];

    private TrustedHtml DrawSwatch(string recipe) =>
        new Svg(28, 14, null, "swatch").Line(1, 7, 27, 7, "curve", Colour(recipe)).Marker(14, 7, Shape(recipe), Colour(recipe), "curve-end", 4).Close();
}

/// <summary>The all-recipes plot's frame: a recipe's plot's drawing area, without the strip for a legend (the page lists the recipes beside it).</summary>
internal static class AllRecipesFrame
{
    public const double Width = PlotFrame.Right + 40;
}
