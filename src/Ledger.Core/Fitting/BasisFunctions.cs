namespace Ledger.Core.Fitting;

/// <summary>
/// Evaluates a basis g(C; theta) and its derivatives by theta over all points. The sigmoid and power bases take e^z
/// from <see cref="DeterministicExp"/>, four points at a time, with the same bits on any machine: a library's SIMD exp
/// takes different code paths on AVX2 and AVX-512 machines, and fits must be bit-identical everywhere.
/// </summary>
internal static class BasisFunctions
{
    /// <param name="shape">Richards' nu; ignored by the other bases.</param>
    public static void Evaluate(BasisKind kind, ReadOnlySpan<double> logCompute, double t0, double t1,
        Span<double> g, Span<double> d0, Span<double> d1, double shape = 1.0)
    {
        switch (kind)
        {
            case BasisKind.Richards:
                RichardsBasis.Evaluate(logCompute, Math.Exp(t0), t1, shape, g, d0, d1);
                break;
            case BasisKind.Sigmoid:
                SigmoidBasis.WithDerivatives(logCompute, Math.Exp(t0), t1, g, d0, d1, complement: false);
                break;
            case BasisKind.SigmoidComplement:
                SigmoidBasis.WithDerivatives(logCompute, Math.Exp(t0), t1, g, d0, d1, complement: true);
                break;
            case BasisKind.Power:
                Power(logCompute, t0, g, d0);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>g alone, without derivatives: what the grid start needs to rank cells.</summary>
    public static void Values(BasisKind kind, ReadOnlySpan<double> logCompute, double t0, double t1, Span<double> g, double shape = 1.0)
    {
        if (kind == BasisKind.Richards)
        {
            Span<double> unused = logCompute.Length <= 256 ? stackalloc double[logCompute.Length] : new double[logCompute.Length];
            RichardsBasis.Evaluate(logCompute, Math.Exp(t0), t1, shape, g, unused, unused);
            return;
        }
        if (kind == BasisKind.Power)
        {
            for (var i = 0; i < logCompute.Length; i++)
            {
                g[i] = -t0 * logCompute[i];
            }
            DeterministicExp.Of(g[..logCompute.Length], g);
            return;
        }
        SigmoidBasis.Values(logCompute, Math.Exp(t0), t1, g, complement: kind == BasisKind.SigmoidComplement);
    }

    /// <summary>The value of g at one compute, for predictions.</summary>
    public static double Value(BasisKind kind, double logCompute, double t0, double t1, double shape = 1.0)
    {
        Span<double> g = stackalloc double[1];
        Span<double> d0 = stackalloc double[1];
        Span<double> d1 = stackalloc double[1];
        Evaluate(kind, [logCompute], t0, t1, g, d0, d1, shape);
        return g[0];
    }

    // g = C^-p = e^(-p ln C); dg/dp = -ln C g.
    private static void Power(ReadOnlySpan<double> logCompute, double exponent, Span<double> g, Span<double> d0)
    {
        for (var i = 0; i < logCompute.Length; i++)
        {
            g[i] = -exponent * logCompute[i];
        }
        DeterministicExp.Of(g[..logCompute.Length], g);
        for (var i = 0; i < logCompute.Length; i++)
        {
            d0[i] = -logCompute[i] * g[i];
        }
    }
}
