using Ledger.Core.Fitting;
using Ledger.Core.Ingest;

namespace Ledger.Core.Reporting.Html;

/// <summary>A point in SVG user units.</summary>
public readonly record struct PlotPoint(double X, double Y);

/// <summary>One run's observed points, in its palette colour and marker shape.</summary>
public sealed record PlotSeries(int Run, string Colour, MarkerShape Shape, IReadOnlyList<PlotPoint> Points);

/// <summary>
/// The geometry of one recipe's plot, every coordinate computed here: reward against log compute, the observed
/// points per run, the fitted curve over the data it was fitted on and (dashed) beyond it to the target compute, its
/// confidence band, the asymptote A and C_mid when the fit identifies them, and the compute left out of the fit.
/// <see cref="CurvePlotSvg"/> draws it.
/// </summary>
public sealed class CurvePlot
{
    /// <summary>Curve samples per plot, spread evenly in log compute: a sigmoid in log compute is smooth at 80 (checked by eye in print).</summary>
    private const int Samples = 80;

    public required LogAxis X { get; init; }
    public required LinearAxis Y { get; init; }
    public required IReadOnlyList<PlotSeries> Series { get; init; }

    /// <summary>The fitted curve over the observed computes; empty when the fit has no curve.</summary>
    public IReadOnlyList<PlotPoint> Fit { get; init; } = [];

    /// <summary>The curve from the last observed compute to the target; empty when the target is within the data.</summary>
    public IReadOnlyList<PlotPoint> Extrapolation { get; init; } = [];

    /// <summary>The band as one closed polygon: the upper edge left to right, then the lower edge back; empty without a band.</summary>
    public IReadOnlyList<PlotPoint> Band { get; init; } = [];

    public double? AsymptoteY { get; init; }
    public double? MidpointX { get; init; }
    public PlotPoint? Target { get; init; }
    public double ConfidenceLevel { get; init; }

    /// <summary>Points at compute 0 or below, which a log axis cannot show.</summary>
    public int HiddenPoints { get; init; }

    /// <summary>Points left out of the drawing by <see cref="DisplayThinning"/> (still fitted and counted).</summary>
    public int ThinnedPoints { get; init; }

    /// <summary>
    /// The parts of the x axis outside the fit's compute window, each as its left and right edge: shaded, since the
    /// points there are drawn but were not fitted. Empty without a window.
    /// </summary>
    public IReadOnlyList<(double Left, double Right)> LeftOut { get; init; } = [];

    /// <summary>Points outside the fit's compute window: drawn, not fitted.</summary>
    public int PointsLeftOut { get; init; }

    /// <param name="runs">Each run's points, in the order the legend lists the runs.</param>
    /// <param name="targetCompute">Where the extrapolation ends; ignored when not beyond the data or when the fit does not identify A.</param>
    /// <param name="window">The compute range the fit used; the rest of the axis is shaded.</param>
    /// <returns>Null when no run has a point at positive compute: there is nothing to place on a log axis.</returns>
    public static CurvePlot? Build(IReadOnlyList<IReadOnlyList<CurvePoint>> runs, CurveFit? fit, double? targetCompute, ComputeWindow? window = null)
    {
        var shown = runs.Select(run => run.Where(p => p.Compute > 0 && double.IsFinite(p.Reward)).ToList()).ToList();
        var all = shown.SelectMany(run => run).ToList();
        if (all.Count == 0)
            return null;
        var (low, high) = (all.Min(p => p.Compute), all.Max(p => p.Compute));
        // The curve is drawn where it was fitted: over the data inside the fit window.
        var (fitLow, fitHigh) = (Math.Max(low, window?.Min ?? low), Math.Min(high, window?.Max ?? high));
        var curve = fit is null || fitLow > fitHigh ? null : PlottedCurve.Of(fit);
        // Only an identified fit is extrapolated: where the data cannot tell A, the curve beyond them is a guess.
        var target = curve is not null && fit!.Status == FitStatus.Ok && targetCompute is { } t && t > fitHigh && double.IsFinite(t) ? t : (double?)null;
        var asymptote = curve is not null ? fit!.IdentifiedAsymptote?.Value : null;
        var midpoint = curve is not null && fit!.Status == FitStatus.Ok ? fit.Parameter("C_mid")?.Value : null;

        var x = new LogAxis(low, Math.Max(high, target ?? high), PlotFrame.Left, PlotFrame.Right);
        var fitComputes = curve is null ? Array.Empty<double>() : LogSpaced(fitLow, fitHigh, target is null ? Samples : Samples / 2);
        var extrapolationComputes = curve is null || target is null ? Array.Empty<double>() : LogSpaced(fitHigh, target.Value, Samples / 2);
        var curveValues = fitComputes.Concat(extrapolationComputes).Select(c => curve!.Value(c)).Where(double.IsFinite);
        // The axis covers the data, the curve and A, not the band: an unidentified fit's band can be unbounded,
        // and it is then drawn along the plot's edge instead of squeezing the data flat.
        var values = all.Select(p => p.Reward).Concat(curveValues).Concat(asymptote is { } a && double.IsFinite(a) ? new[] { a } : Array.Empty<double>()).ToList();
        var y = new LinearAxis(values.Min(), values.Max(), PlotFrame.Bottom, PlotFrame.Top);

        PlotPoint At(double compute, double value) => new(x.Map(compute), y.MapClamped(value));
        var drawn = shown.Select(run => DisplayThinning.Thin(run.Select(p => At(p.Compute, p.Reward)).ToList())).ToList();
        var bandComputes = fitComputes.Concat(extrapolationComputes.Skip(1)).ToList();
        var band = curve is { HasBand: true }
            ? bandComputes.Select(c => At(c, curve.Value(c) + curve.HalfWidth(c)))
                .Concat(bandComputes.AsEnumerable().Reverse().Select(c => At(c, curve.Value(c) - curve.HalfWidth(c)))).ToList()
            : new List<PlotPoint>();
        return new CurvePlot
        {
            X = x,
            Y = y,
            Series = drawn.Select((run, i) => new PlotSeries(i, OkabeIto.Colour(i), OkabeIto.Shape(i), run)).ToList(),
            Fit = fitComputes.Select(c => At(c, curve!.Value(c))).ToList(),
            Extrapolation = extrapolationComputes.Select(c => At(c, curve!.Value(c))).ToList(),
            Band = band,
            AsymptoteY = asymptote is { } av && double.IsFinite(av) ? y.MapClamped(av) : null,
            MidpointX = midpoint is { } m && m >= x.Min && m <= x.Max ? x.Map(m) : null,
            Target = target is { } tc ? At(tc, curve!.Value(tc)) : null,
            ConfidenceLevel = fit?.ConfidenceLevel is > 0 and < 1 ? fit.ConfidenceLevel : 0.95,
            HiddenPoints = runs.Sum(run => run.Count) - all.Count,
            ThinnedPoints = all.Count - drawn.Sum(run => run.Count),
            LeftOut = window is null ? [] : LeftOutOf(window, x),
            PointsLeftOut = window is null ? 0 : runs.Sum(run => run.Count(p => !window.Contains(p.Compute))),
        };
    }

    /// <summary>The axis below the window's start and above its end, clamped to the plot; nothing for a side the axis does not reach.</summary>
    private static List<(double Left, double Right)> LeftOutOf(ComputeWindow window, LogAxis x)
    {
        double Clamped(double compute) => compute <= 0 ? PlotFrame.Left : Math.Clamp(x.Map(compute), PlotFrame.Left, PlotFrame.Right);
        var leftOut = new List<(double Left, double Right)>();
        if (window.Min is { } min && Clamped(min) > PlotFrame.Left)
            leftOut.Add((PlotFrame.Left, Clamped(min)));
        if (window.Max is { } max && Clamped(max) < PlotFrame.Right)
            leftOut.Add((Clamped(max), PlotFrame.Right));
        return leftOut;
    }

    private static double[] LogSpaced(double from, double to, int count)
    {
        if (to <= from)
            return [from];
        var (a, b) = (Math.Log(from), Math.Log(to));
        return Enumerable.Range(0, count).Select(i => Math.Exp(a + (b - a) * i / (count - 1))).ToArray();
    }
}
