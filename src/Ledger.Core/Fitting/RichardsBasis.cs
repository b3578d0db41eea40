using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ledger.Core.Fitting;

/// <summary>
/// Richards' generalized logistic r = (1 + nu e^z)^(-1/nu), z = B (ln C_mid - ln C), over a fit's points, at the
/// shapes nu = 2^k the model-dependence check walks. e^z comes from <see cref="DeterministicExp"/>, four points at a
/// time; the root (1 + nu e^z)^(-1/nu) is then |k| squarings or square roots and one division, each rounded as IEEE
/// 754 requires. So no C library function is called and the bits are the same on any machine, where the general
/// power, e^(-ln(1 + nu e^z) / nu), took a log and three exps from the C library at every point.
/// dr/dz = -r q with q = e^z / (1 + nu e^z); dz/d(ln B) = z, dz/d(ln C_mid) = B. At nu = 1 this is the sigmoid.
/// </summary>
internal static class RichardsBasis
{
    /// <summary>The shapes this basis takes: 2^k for k in [-MaxHalvings, MaxHalvings].</summary>
    public const int MaxHalvings = 8;

    /// <param name="d0">dr/d(ln B); with <paramref name="d1"/>, dr/d(ln C_mid). Both may be the same scratch span when unwanted.</param>
    public static void Evaluate(ReadOnlySpan<double> logCompute, double b, double logMid, double shape,
        Span<double> g, Span<double> d0, Span<double> d1)
    {
        var k = PowerOfTwo(shape) ?? throw new ArgumentOutOfRangeException(nameof(shape), shape, "Richards' shape must be a power of two");
        var i = logCompute.Length >= Width ? EvaluateByFour(logCompute, b, logMid, shape, k, g, d0, d1) : 0;
        for (; i < logCompute.Length; i++)
        {
            var z = b * (logMid - logCompute[i]);
            var e = DeterministicExp.Of(z);
            // e^z past double's range (C far below C_mid, or C = 0): the curve sits at R0, as the sigmoid's does.
            var u = 1.0 + shape * e;
            var r = 1.0 / Root(u, k);
            if (!(r > 0))
            {
                g[i] = 0.0;
                d0[i] = 0.0;
                d1[i] = 0.0;
                continue;
            }
            var slope = r * (e / u);
            g[i] = r;
            d0[i] = -slope * z;
            d1[i] = -slope * b;
        }
    }

    // Doubles in a 256-bit vector: a literal, as in SigmoidBasis, so that only the vector method names Vector256.
    private const int Width = 4;

    /// <summary>Four points at a time, each lane doing what <see cref="Evaluate"/> does to one point, in the same order.</summary>
    // Compiled optimised at first call: ReadyToRun does not precompile 256-bit vector code for a baseline processor.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int EvaluateByFour(ReadOnlySpan<double> logCompute, double b, double logMid, double shape, int k,
        Span<double> g, Span<double> d0, Span<double> d1)
    {
        if (!Vector256.IsHardwareAccelerated)
            return 0;
        var (scale, mid, nu) = (Vector256.Create(b), Vector256.Create(logMid), Vector256.Create(shape));
        var i = 0;
        for (; i + Width <= logCompute.Length; i += Width)
        {
            var z = scale * (mid - Vector256.Create(logCompute.Slice(i, Width)));
            var e = DeterministicExp.Of(z);
            var u = Vector256<double>.One + nu * e;
            var root = u;
            for (var halving = k; halving > 0; halving--)
                root = Vector256.Sqrt(root);
            for (var squaring = k; squaring < 0; squaring++)
                root *= root;
            var r = Vector256<double>.One / root;
            var slope = r * (e / u);
            var positive = Vector256.GreaterThan(r, Vector256<double>.Zero);
            Vector256.ConditionalSelect(positive, r, Vector256<double>.Zero).CopyTo(g.Slice(i, Width));
            Vector256.ConditionalSelect(positive, -slope * z, Vector256<double>.Zero).CopyTo(d0.Slice(i, Width));
            Vector256.ConditionalSelect(positive, -slope * scale, Vector256<double>.Zero).CopyTo(d1.Slice(i, Width));
        }
        return i;
    }

    /// <summary>u^(1/nu) for nu = 2^k: k square roots, or -k squarings.</summary>
    private static double Root(double u, int k)
    {
        for (; k > 0; k--)
            u = Math.Sqrt(u);
        for (; k < 0; k++)
            u *= u;
        return u;
    }

    private static int? PowerOfTwo(double shape)
    {
        if (!(shape > 0) || double.IsInfinity(shape))
            return null;
        var k = Math.ILogB(shape);
        return Math.ScaleB(1.0, k) == shape && Math.Abs(k) <= MaxHalvings ? k : null;
    }
}
