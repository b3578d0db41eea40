using Ledger.Core.Fitting;

namespace Ledger.Core.Gating;

/// <summary>
/// A stored sigmoid fit as a function of compute, with the variance of its value from the parameters' standard
/// errors and correlations (the delta method over R0, A, B, C_mid): what a prediction band needs.
/// </summary>
internal sealed class SigmoidCurve
{
    /// <summary>What a parameter is to the curve, by its place in the fit: looked up once, since a plot reads the curve and its variance at hundreds of computes.</summary>
    private enum Role
    {
        Other,
        R0,
        A,
        B,
        CMid,
    }

    private readonly Role[] _roles;
    private readonly double[,] _covariance;
    private readonly double _r0;
    private readonly double _a;
    private readonly double _b;
    private readonly double _mid;

    private SigmoidCurve(string[] names, double[] values, double[,] covariance)
    {
        _roles = names.Select(name => name switch
        {
            "R0" => Role.R0,
            "A" => Role.A,
            "B" => Role.B,
            "C_mid" => Role.CMid,
            _ => Role.Other,
        }).ToArray();
        _covariance = covariance;
        // A parameter the model lacks (the three-parameter sigmoid's R0) reads as 0.
        double Get(string name) => Array.IndexOf(names, name) is var i and >= 0 ? values[i] : 0;
        (_r0, _a, _b, _mid) = (Get("R0"), Get("A"), Get("B"), Get("C_mid"));
    }

    public static SigmoidCurve From(CurveFit fit)
    {
        var names = fit.Parameters.Select(p => p.Name).ToArray();
        var values = fit.Parameters.Select(p => p.Value).ToArray();
        var se = fit.Parameters.Select(p => p.StandardError).ToArray();
        var covariance = new double[names.Length, names.Length];
        for (var a = 0; a < names.Length; a++)
        {
            covariance[a, a] = se[a] * se[a];
        }
        foreach (var (first, second, r) in fit.Correlations)
        {
            var a = Array.IndexOf(names, first);
            var b = Array.IndexOf(names, second);
            covariance[a, b] = covariance[b, a] = r * se[a] * se[b];
        }
        return new SigmoidCurve(names, values, covariance);
    }

    public double Value(double compute) => _r0 + (_a - _r0) * Share(compute);

    public double Variance(double compute)
    {
        var s = Share(compute);
        // dR/dR0 = 1 - s, dR/dA = s, dR/dB = (A - R0) s (1 - s) ln(C / C_mid), dR/dC_mid = -(A - R0) s (1 - s) B / C_mid.
        var slope = (_a - _r0) * s * (1 - s);
        Span<double> gradient = stackalloc double[_roles.Length];
        for (var i = 0; i < _roles.Length; i++)
        {
            gradient[i] = _roles[i] switch
            {
                Role.R0 => 1 - s,
                Role.A => s,
                Role.B => compute > 0 ? slope * Math.Log(compute / _mid) : 0,
                Role.CMid => -slope * _b / _mid,
                _ => 0,
            };
        }
        var variance = 0.0;
        for (var i = 0; i < gradient.Length; i++)
        {
            for (var j = 0; j < gradient.Length; j++)
            {
                variance += gradient[i] * _covariance[i, j] * gradient[j];
            }
        }
        return double.IsFinite(variance) ? Math.Max(variance, 0) : double.PositiveInfinity;
    }

    private double Share(double compute) => compute <= 0 ? 0 : 1 / (1 + Math.Pow(_mid / compute, _b));
}
