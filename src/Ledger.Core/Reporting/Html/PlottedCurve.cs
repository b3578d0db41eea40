using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using MathNet.Numerics.Distributions;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// A stored fit as a function of compute, with its confidence band where the fit can give one: the sigmoid
/// families through the delta method over their parameters' standard errors and correlations (the gate's
/// <see cref="SigmoidCurve"/>); the power laws as their value alone.
/// </summary>
internal sealed class PlottedCurve
{
    private readonly CurveFit _fit;
    private readonly SigmoidCurve? _sigmoid;
    private readonly double _z;

    private PlottedCurve(CurveFit fit)
    {
        _fit = fit;
        _sigmoid = fit.Model is CurveModelKind.Sigmoid or CurveModelKind.Sigmoid4 ? SigmoidCurve.From(fit) : null;
        var level = fit.ConfidenceLevel is > 0 and < 1 ? fit.ConfidenceLevel : 0.95;
        _z = Normal.InvCDF(0, 1, 0.5 + level / 2);
    }

    /// <summary>The curve of a fit that has one: null when the fit failed or its parameters are not finite.</summary>
    public static PlottedCurve? Of(CurveFit fit) =>
        fit.Status != FitStatus.Failed && fit.Parameters.Count > 0 && fit.Parameters.All(p => double.IsFinite(p.Value)) ? new PlottedCurve(fit) : null;

    public bool HasBand => _sigmoid is not null;

    public double Value(double compute) => _sigmoid?.Value(compute) ?? _fit.Model switch
    {
        CurveModelKind.Power => Get("K") * Math.Pow(compute, -Get("E")),
        _ => Get("E_inf") + Get("K") * Math.Pow(compute, -Get("alpha")),
    };

    /// <summary>The band's half-width at <paramref name="compute"/> (infinite when the variance is), or NaN without a band.</summary>
    public double HalfWidth(double compute) => _sigmoid is { } s ? _z * Math.Sqrt(s.Variance(compute)) : double.NaN;

    private double Get(string name) => _fit.Parameter(name)?.Value ?? 0;
}
