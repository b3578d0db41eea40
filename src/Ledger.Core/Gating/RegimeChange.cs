using Ledger.Core.Fitting;
using Ledger.Core.Ingest;
using MathNet.Numerics.Distributions;

namespace Ledger.Core.Gating;

/// <summary>
/// Whether the new points leave the baseline fit's 99 % prediction band (the curve's delta-method band widened by
/// the baseline's residual noise): a later regime change shows up as the new data walking off the old curve. Flagged
/// when at least three points, and more than a quarter of them, lie outside. Sigmoid fits only.
/// </summary>
public static class RegimeChange
{
    private const double Level = 0.99;
    private const double OutsideShare = 0.25;
    private const int MinimumOutside = 3;

    public static bool Detect(CurveFit baseline, IReadOnlyList<CurvePoint> points)
    {
        if (baseline.Status != FitStatus.Ok || baseline.Model is not (CurveModelKind.Sigmoid or CurveModelKind.Sigmoid4) || points.Count == 0)
        {
            return false;
        }
        var curve = SigmoidCurve.From(baseline);
        var degrees = Math.Max(1, baseline.PointCount - baseline.Parameters.Count);
        var noise = baseline.Sse / degrees;
        var t = StudentT.InvCDF(0, 1, degrees, 0.5 + Level / 2);
        var outside = points.Count(p => Math.Abs(p.Reward - curve.Value(p.Compute)) > t * Math.Sqrt(curve.Variance(p.Compute) + noise));
        return outside >= MinimumOutside && outside > OutsideShare * points.Count;
    }
}
