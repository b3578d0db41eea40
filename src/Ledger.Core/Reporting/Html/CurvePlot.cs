using Ledger.Core.Fitting;
using Ledger.Core.Ingest;

namespace Ledger.Core.Reporting.Html;

/// <summary>A point in SVG user units.</summary>
public readonly record struct PlotPoint(double X, double Y);

/// <summary>One run's observed points, in its palette colour and marker shape.</summary>
public sealed record PlotSeries(int Run, string Colour, MarkerShape Shape, IReadOnlyList<PlotPoint> Points);

/// <summary>The baseline a recipe was gated against, to draw beside this build's fit: its runs' points, its fit, and the gate's change in A.</summary>
/// <param name="Change">The gate's change in A and its interval, as stored with the verdict; null when the gate measured none.</param>
public sealed record BaselineCurve(IReadOnlyList<IReadOnlyList<CurvePoint>> Runs, CurveFit Fit, AsymptoteChange? Change);

/// <summary>The gate's change in A (build minus baseline) and its interval, exactly as the verdict stored them.</summary>
public sealed record AsymptoteChange(double Delta, double Lower, double Upper);

/// <summary>The baseline's layer of a plot: its points (hollow, in one muted colour), its curve, band and A.</summary>
public sealed record BaselineLayer(
    IReadOnlyList<IReadOnlyList<PlotPoint>> Runs, IReadOnlyList<PlotPoint> Fit, IReadOnlyList<PlotPoint> Extrapolation, IReadOnlyList<PlotPoint> Band, double? AsymptoteY);

/// <summary>
/// The change in A drawn between the two A lines: a bracket at <see cref="X"/> from the baseline's A to the baseline's A
/// plus the gate's change, and the gate's interval on the change as a whisker beside it.
/// </summary>
public sealed record ChangeBracket(double X, double FromY, double ToY, double LowerY, double UpperY, string Label);

/// <summary>
/// The geometry of one recipe's plot, every coordinate computed here: reward against log compute, the observed
/// points per run, the fitted curve over the data it was fitted on and (dashed) beyond it to the target compute, its
/// confidence band, the asymptote A and C_mid when the fit identifies them, the compute left out of the fit, and
/// when the recipe was gated against a baseline, the baseline's fit under it and the change in A between them.
/// <see cref="CurvePlotSvg"/> draws it.
/// </summary>
public sealed class CurvePlot
{
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

    /// <summary>The baseline's fit, drawn muted under this build's; null when the recipe was not compared with one.</summary>
    public BaselineLayer? Baseline { get; init; }

    /// <summary>The gate's change in A between the baseline's A line and this build's; null unless both fits identify A and the gate measured a change.</summary>
    public ChangeBracket? Change { get; init; }

    /// <summary>The fitted curves read at a few computes: the plot's table for screen readers and print.</summary>
    public IReadOnlyList<CurveNumberRow> Numbers { get; init; } = [];

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
    /// <param name="baseline">The baseline the gate compared this build with, drawn under it; null for none.</param>
    /// <returns>Null when no run has a point at positive compute: there is nothing to place on a log axis.</returns>
    public static CurvePlot? Build(IReadOnlyList<IReadOnlyList<CurvePoint>> runs, CurveFit? fit, double? targetCompute, ComputeWindow? window = null,
        BaselineCurve? baseline = null)
    {
        var build = FittedRuns.Of(runs, fit, targetCompute, window);
        if (build is null)
            return null;
        var before = baseline is null ? null : FittedRuns.Of(baseline.Runs, baseline.Fit, targetCompute, window);
        var midpoint = build.Curve is not null && fit!.Status == FitStatus.Ok ? fit.Parameter("C_mid")?.Value : null;
        var change = build.Asymptote is { } now && before?.Asymptote is { } then && baseline!.Change is { } c
            && new[] { c.Delta, c.Lower, c.Upper }.All(double.IsFinite) ? c : null;

        var layers = before is null ? new[] { build } : [build, before];
        var x = new LogAxis(layers.Min(l => l.Low), layers.Max(l => Math.Max(l.High, l.Target ?? l.High)), PlotFrame.Left, PlotFrame.Right);
        // The axis covers the data, the curves, the A lines and the change's interval, not the bands: an unidentified
        // fit's band can be unbounded, and it is then drawn along the plot's edge instead of squeezing the data flat.
        var (low, high) = build.ValueRange();
        if (before?.ValueRange() is var (beforeLow, beforeHigh))
            (low, high) = (Math.Min(low, beforeLow), Math.Max(high, beforeHigh));
        if (change is not null)
        {
            var (changeLow, changeHigh) = (before!.Asymptote!.Value + change.Lower, before.Asymptote.Value + change.Upper);
            (low, high) = (Math.Min(low, Math.Min(changeLow, changeHigh)), Math.Max(high, Math.Max(changeLow, changeHigh)));
        }
        var y = new LinearAxis(low, high, PlotFrame.Bottom, PlotFrame.Top);

        var drawn = build.Shown.Select(run => DisplayThinning.Thin(build.Place(run, x, y))).ToList();
        return new CurvePlot
        {
            X = x,
            Y = y,
            Series = drawn.Select((run, i) => new PlotSeries(i, OkabeIto.Colour(i), OkabeIto.Shape(i), run)).ToList(),
            Fit = build.FitLine(x, y),
            Extrapolation = build.ExtrapolationLine(x, y),
            Band = build.BandPolygon(x, y),
            AsymptoteY = build.Asymptote is { } a ? y.MapClamped(a) : null,
            MidpointX = midpoint is { } m && m >= x.Min && m <= x.Max ? x.Map(m) : null,
            Target = build.Target is { } tc ? new PlotPoint(x.Map(tc), y.MapClamped(build.Curve!.Value(tc))) : null,
            ConfidenceLevel = fit?.ConfidenceLevel is > 0 and < 1 ? fit.ConfidenceLevel : 0.95,
            Baseline = before is null ? null : new BaselineLayer(
                before.Shown.Select(run => DisplayThinning.Thin(before.Place(run, x, y))).ToList(),
                before.FitLine(x, y), before.ExtrapolationLine(x, y), before.BandPolygon(x, y),
                before.Asymptote is { } ba ? y.MapClamped(ba) : null),
            Change = change is null ? null : Bracket(change, before!.Asymptote!.Value, y),
            Numbers = CurveNumbers.Of(build, before),
            HiddenPoints = runs.Sum(run => run.Count) - build.Shown.Sum(run => run.Count),
            ThinnedPoints = build.Shown.Sum(run => run.Count) - drawn.Sum(run => run.Count),
            LeftOut = window is null ? [] : LeftOutOf(window, x),
            PointsLeftOut = window is null ? 0 : runs.Sum(run => run.Count(p => !window.Contains(p.Compute))),
        };
    }

    /// <summary>The bracket stands near the right edge of the data area, clear of the curves' rise, where both A lines run.</summary>
    private static ChangeBracket Bracket(AsymptoteChange change, double baselineA, LinearAxis y) => new(
        PlotFrame.Right - 28, y.MapClamped(baselineA), y.MapClamped(baselineA + change.Delta),
        y.MapClamped(baselineA + change.Lower), y.MapClamped(baselineA + change.Upper),
        $"ΔA {AsymptoteCells.Signed(change.Delta)} {NumberFormat.Interval(new Interval(change.Lower, change.Upper))}");

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
}
