using Ledger.Core.Fitting;
using Ledger.Core.Ingest;
using Ledger.Core.Storage;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// One fit and the runs it was made from, before any axis: the points a log axis can show, the computes its curve is
/// sampled at (over the data inside the fit window, then dashed to the target), and its A. A plot places one or two
/// of them (this build's and the baseline's) on axes that hold both.
/// </summary>
internal sealed class FittedRuns
{
    /// <summary>Curve samples per plot, spread evenly in log compute: a sigmoid in log compute is smooth at 80 (checked by eye in print).</summary>
    public const int Samples = 80;

    private FittedRuns(List<List<CurvePoint>> shown, (double Low, double High) computes, PlottedCurve? curve, double[] fitComputes, double[] extrapolationComputes,
        double? target, double? asymptote)
    {
        Shown = shown;
        Curve = curve;
        FitComputes = fitComputes;
        ExtrapolationComputes = extrapolationComputes;
        Target = target;
        Asymptote = asymptote;
        // Read once each: the axis, the lines and the band all need the curve at the same computes, and a sigmoid's
        // band (its variance through the parameters' covariance) is most of a plot's arithmetic.
        _fitValues = curve is null ? [] : Array.ConvertAll(fitComputes, curve.Value);
        _extrapolationValues = curve is null ? [] : Array.ConvertAll(extrapolationComputes, curve.Value);
        (Low, High) = computes;
    }

    private readonly double[] _fitValues;
    private readonly double[] _extrapolationValues;

    /// <summary>Each run's points at positive compute with a finite reward.</summary>
    public List<List<CurvePoint>> Shown { get; }

    public PlottedCurve? Curve { get; }
    public double[] FitComputes { get; }
    public double[] ExtrapolationComputes { get; }

    /// <summary>The compute the extrapolation ends at; null when there is none.</summary>
    public double? Target { get; }

    /// <summary>A, when the fit identifies it and it is finite.</summary>
    public double? Asymptote { get; }

    public double Low { get; }
    public double High { get; }

    /// <returns>Null when no run has a point at positive compute.</returns>
    /// <param name="samples">How many points the curve is drawn through.</param>
    public static FittedRuns? Of(IReadOnlyList<IReadOnlyList<CurvePoint>> runs, CurveFit? fit, double? targetCompute, ComputeWindow? window, int samples = Samples)
    {
        // Loops, not LINQ: a report builds thousands of these, and LINQ over a struct of Ledger's is generic code that no
        // ReadyToRun image holds, so it ran unoptimised while the JIT caught up.
        var shown = new List<List<CurvePoint>>(runs.Count);
        var (low, high) = (double.PositiveInfinity, double.NegativeInfinity);
        foreach (var run in runs)
        {
            var kept = new List<CurvePoint>(run.Count);
            foreach (var point in run)
            {
                if (point.Compute > 0 && double.IsFinite(point.Reward))
                {
                    kept.Add(point);
                    (low, high) = (Math.Min(low, point.Compute), Math.Max(high, point.Compute));
                }
            }
            shown.Add(kept);
        }
        if (double.IsPositiveInfinity(low))
            return null;
        // The curve is drawn where it was fitted: over the data inside the fit window.
        var (fitLow, fitHigh) = (Math.Max(low, window?.Min ?? low), Math.Min(high, window?.Max ?? high));
        var curve = fit is null || fitLow > fitHigh ? null : PlottedCurve.Of(fit);
        // Only an identified fit is extrapolated: where the data cannot tell A, the curve beyond them is a guess.
        var target = curve is not null && fit!.Status == FitStatus.Ok && targetCompute is { } t && t > fitHigh && double.IsFinite(t) ? t : (double?)null;
        var asymptote = curve is not null ? fit!.IdentifiedAsymptote?.Value : null;
        return new FittedRuns(shown, (low, high), curve,
            curve is null ? [] : LogSpaced(fitLow, fitHigh, target is null ? samples : samples / 2),
            curve is null || target is null ? [] : LogSpaced(fitHigh, target.Value, samples / 2),
            target, asymptote is { } a && double.IsFinite(a) ? a : null);
    }

    /// <summary>Where a fit's plot extrapolates to: its prediction's compute, else the --predict-at compute, else ten times its last compute.</summary>
    public static double TargetOf(CurveFit fit, IEnumerable<StoredRun> runs, FitOptions options)
    {
        if ((fit.Prediction?.Compute ?? options.PredictAt) is { } given)
            return given;
        var last = double.NegativeInfinity;
        foreach (var run in runs)
        {
            foreach (var point in run.Points)
                last = Math.Max(last, point.Compute);
        }
        return 10 * (double.IsNegativeInfinity(last) ? 0 : last);
    }

    /// <summary>The least and the greatest value the y axis must hold for this fit: its points, its curve and its A.</summary>
    public (double Min, double Max) ValueRange()
    {
        var (min, max) = (double.PositiveInfinity, double.NegativeInfinity);
        void Hold(double value) => (min, max) = (Math.Min(min, value), Math.Max(max, value));
        foreach (var run in Shown)
        {
            foreach (var point in run)
                Hold(point.Reward);
        }
        foreach (var value in _fitValues)
        {
            if (double.IsFinite(value))
                Hold(value);
        }
        foreach (var value in _extrapolationValues)
        {
            if (double.IsFinite(value))
                Hold(value);
        }
        if (Asymptote is { } a)
            Hold(a);
        return (min, max);
    }

    public List<PlotPoint> Place(List<CurvePoint> points, LogAxis x, LinearAxis y)
    {
        var placed = new List<PlotPoint>(points.Count);
        foreach (var point in points)
            placed.Add(new PlotPoint(x.Map(point.Compute), y.MapClamped(point.Reward)));
        return placed;
    }

    public List<PlotPoint> FitLine(LogAxis x, LinearAxis y) => Line(FitComputes, _fitValues, x, y);

    public List<PlotPoint> ExtrapolationLine(LogAxis x, LinearAxis y) => Line(ExtrapolationComputes, _extrapolationValues, x, y);

    /// <summary>The band as one closed polygon: the upper edge left to right, then the lower edge back; empty without a band.</summary>
    public List<PlotPoint> BandPolygon(LogAxis x, LinearAxis y)
    {
        if (Curve is not { HasBand: true } curve)
            return [];
        var computes = FitComputes.Concat(ExtrapolationComputes.Skip(1)).ToArray();
        var values = _fitValues.Concat(_extrapolationValues.Skip(1)).ToArray();
        var halfWidths = Array.ConvertAll(computes, curve.HalfWidth);
        var polygon = new List<PlotPoint>(2 * computes.Length);
        for (var i = 0; i < computes.Length; i++)
            polygon.Add(new PlotPoint(x.Map(computes[i]), y.MapClamped(values[i] + halfWidths[i])));
        for (var i = computes.Length - 1; i >= 0; i--)
            polygon.Add(new PlotPoint(x.Map(computes[i]), y.MapClamped(values[i] - halfWidths[i])));
        return polygon;
    }

    private static List<PlotPoint> Line(double[] computes, double[] values, LogAxis x, LinearAxis y)
    {
        var line = new List<PlotPoint>(computes.Length);
        for (var i = 0; i < computes.Length; i++)
            line.Add(new PlotPoint(x.Map(computes[i]), y.MapClamped(values[i])));
        return line;
    }

    private static double[] LogSpaced(double from, double to, int count)
    {
        if (to <= from)
            return [from];
        var (a, b) = (Math.Log(from), Math.Log(to));
        return Enumerable.Range(0, count).Select(i => Math.Exp(a + (b - a) * i / (count - 1))).ToArray();
    }
}
