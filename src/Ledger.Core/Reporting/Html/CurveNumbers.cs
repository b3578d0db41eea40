using static Ledger.Core.Reporting.NumberFormat;

namespace Ledger.Core.Reporting.Html;

/// <summary>One line of a curve plot in numbers: a compute, the fitted reward there with its band, and the baseline's fitted reward ("" when none is drawn).</summary>
public sealed record CurveNumberRow(string Compute, string Fitted, string Band, string Baseline, bool Extrapolated);

/// <summary>
/// A curve plot as a table, for a reader who cannot see it (and for print): the fitted curve read at the first and last
/// compute it is fitted over, at every power of ten between, and at the target it is extrapolated to; with its band and
/// the baseline's curve at the same computes. The values are the plotted curve's, unrounded but for the text.
/// </summary>
internal static class CurveNumbers
{
    public static IReadOnlyList<CurveNumberRow> Of(FittedRuns build, FittedRuns? baseline)
    {
        if (build.Curve is not { } curve || build.FitComputes.Length == 0)
            return [];
        var (first, last) = (build.FitComputes[0], build.FitComputes[^1]);
        var end = build.Target ?? last;
        var computes = new List<double> { first, last };
        for (var decade = (int)Math.Ceiling(Math.Log10(first)); decade <= (int)Math.Floor(Math.Log10(end)); decade++)
            computes.Add(Math.Pow(10, decade));
        if (build.Target is { } t)
            computes.Add(t);
        computes.RemoveAll(c => c < first || c > end);
        computes.Sort();
        // Sorted, so a compute listed twice (a decade that is also the first compute) stands next to itself.
        for (var i = computes.Count - 1; i > 0; i--)
        {
            if (computes[i] == computes[i - 1])
                computes.RemoveAt(i);
        }
        return computes.Select(c => new CurveNumberRow(
            Short(c), Short(curve.Value(c)),
            curve.HasBand ? Interval(new Fitting.Interval(curve.Value(c) - curve.HalfWidth(c), curve.Value(c) + curve.HalfWidth(c))) : "",
            baseline?.Curve is { } b ? Short(b.Value(c)) : "",
            c > last)).ToList();
    }
}
