using Ledger.Core.Fitting;

namespace Ledger.Core.Gating;

/// <summary>
/// A stored sigmoid fit as a function of compute, with the variance of its value from the parameters' standard
/// errors and correlations (the delta method over R0, A, B, C_mid): what a prediction band needs.
/// </summary>
internal sealed class SigmoidCurve
{
    private readonly string[] _names;
    private readonly double[] _values;
    private readonly double[,] _covariance;

    private SigmoidCurve(string[] names, double[] values, double[,] covariance)
    {
        _names = names;
        _values = values;
        _covariance = covariance;
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

    private double Get(string name, double fallback = 0) => Array.IndexOf(_names, name) is var i and >= 0 ? _values[i] : fallback;

    public double Value(double compute)
    {
        var (r0, a) = (Get("R0"), Get("A"));
        return r0 + (a - r0) * Share(compute);
    }

    public double Variance(double compute)
    {
        var s = Share(compute);
        var (r0, a, b, mid) = (Get("R0"), Get("A"), Get("B"), Get("C_mid"));
        // dR/dR0 = 1 - s, dR/dA = s, dR/dB = (A - R0) s (1 - s) ln(C / C_mid), dR/dC_mid = -(A - R0) s (1 - s) B / C_mid.
        var slope = (a - r0) * s * (1 - s);
        var gradient = _names.Select(name => name switch
        {
            "R0" => 1 - s,
            "A" => s,
            "B" => compute > 0 ? slope * Math.Log(compute / mid) : 0,
            "C_mid" => -slope * b / mid,
            _ => 0,
        }).ToArray();
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

    private double Share(double compute) => compute <= 0 ? 0 : 1 / (1 + Math.Pow(Get("C_mid") / compute, Get("B")));
}
