namespace Ledger.Core.Fitting;

/// <summary>
/// Evaluates a basis g(C; theta) and its derivatives by theta over all points. Scalar Math.Exp on purpose: SIMD
/// exp (TensorPrimitives) takes different code paths on AVX2 and AVX-512 machines, and fits must be bit-identical
/// on any machine.
/// </summary>
internal static class BasisFunctions
{
    /// <summary>Above this exponent e^z overflows; s is then exactly 0 and its derivatives vanish.</summary>
    private const double OverflowExponent = 709.0;

    public static void Evaluate(BasisKind kind, ReadOnlySpan<double> logCompute, double t0, double t1,
        Span<double> g, Span<double> d0, Span<double> d1)
    {
        switch (kind)
        {
            case BasisKind.Sigmoid:
                Sigmoid(logCompute, Math.Exp(t0), t1, g, d0, d1, complement: false);
                break;
            case BasisKind.SigmoidComplement:
                Sigmoid(logCompute, Math.Exp(t0), t1, g, d0, d1, complement: true);
                break;
            case BasisKind.Power:
                Power(logCompute, t0, g, d0);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>g alone, without derivatives: what the grid start needs to rank cells.</summary>
    public static void Values(BasisKind kind, ReadOnlySpan<double> logCompute, double t0, double t1, Span<double> g)
    {
        if (kind == BasisKind.Power)
        {
            for (var i = 0; i < logCompute.Length; i++)
            {
                g[i] = Math.Exp(-t0 * logCompute[i]);
            }
            return;
        }
        var b = Math.Exp(t0);
        var complement = kind == BasisKind.SigmoidComplement;
        for (var i = 0; i < logCompute.Length; i++)
        {
            var z = b * (t1 - logCompute[i]);
            if (z > OverflowExponent)
            {
                g[i] = complement ? 1.0 : 0.0;
                continue;
            }
            var e = Math.Exp(z);
            var s = 1.0 / (1.0 + e);
            g[i] = complement ? s * e : s;
        }
    }

    /// <summary>The value of g at one compute, for predictions.</summary>
    public static double Value(BasisKind kind, double logCompute, double t0, double t1)
    {
        Span<double> g = stackalloc double[1];
        Span<double> d0 = stackalloc double[1];
        Span<double> d1 = stackalloc double[1];
        Evaluate(kind, [logCompute], t0, t1, g, d0, d1);
        return g[0];
    }

    // s = 1 / (1 + e^z), z = B (ln C_mid - ln C). ds/dz = -s(1 - s); dz/d(ln B) = z, dz/d(ln C_mid) = B.
    private static void Sigmoid(ReadOnlySpan<double> logCompute, double b, double logMid,
        Span<double> g, Span<double> d0, Span<double> d1, bool complement)
    {
        var sign = complement ? 1.0 : -1.0;
        for (var i = 0; i < logCompute.Length; i++)
        {
            var z = b * (logMid - logCompute[i]);
            if (z > OverflowExponent)
            {
                // C far below C_mid, or C = 0 (ln C = -inf): the curve sits at R0.
                g[i] = complement ? 1.0 : 0.0;
                d0[i] = 0.0;
                d1[i] = 0.0;
                continue;
            }
            var e = Math.Exp(z);
            var s = 1.0 / (1.0 + e);
            var slope = s * s * e; // s (1 - s), without forming 1 - s
            g[i] = complement ? s * e : s;
            d0[i] = sign * slope * z;
            d1[i] = sign * slope * b;
        }
    }

    // g = C^-p = e^(-p ln C); dg/dp = -ln C g.
    private static void Power(ReadOnlySpan<double> logCompute, double exponent, Span<double> g, Span<double> d0)
    {
        for (var i = 0; i < logCompute.Length; i++)
        {
            var value = Math.Exp(-exponent * logCompute[i]);
            g[i] = value;
            d0[i] = -logCompute[i] * value;
        }
    }
}
