using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ledger.Core.Fitting;

/// <summary>
/// The sigmoid basis s = 1 / (1 + e^z), z = B (ln C_mid - ln C), over a fit's points, four at a time where the
/// processor has 256-bit vectors. Each lane does the IEEE operations a point alone does, in the same order (e^z from
/// <see cref="DeterministicExp"/>), so the bits are the same whatever the vector width. ds/dz = -s(1 - s);
/// dz/d(ln B) = z, dz/d(ln C_mid) = B. The complement 1 - s = s e^z is the basis of a falling curve.
/// </summary>
internal static class SigmoidBasis
{
    /// <summary>Above this exponent e^z overflows; s is then exactly 0 (the complement 1) and its derivatives vanish.</summary>
    private const double OverflowExponent = DeterministicExp.Overflow;

    // Doubles in a 256-bit vector. A literal, and the hardware asked only inside the vector methods: a method that
    // names Vector256 at all is left out of the ReadyToRun image and starts unoptimised, and the one-point paths
    // (a residual, a gradient) run a million times a long run.
    private const int Width = 4;

    /// <summary>s alone, without derivatives: what the grid start needs to rank cells.</summary>
    public static void Values(ReadOnlySpan<double> logCompute, double b, double logMid, Span<double> g, bool complement)
    {
        var i = logCompute.Length >= Width ? ValuesByFour(logCompute, b, logMid, g, complement) : 0;
        for (; i < logCompute.Length; i++)
        {
            var z = b * (logMid - logCompute[i]);
            if (z > OverflowExponent)
            {
                // C far below C_mid, or C = 0 (ln C = -inf): the curve sits at R0.
                g[i] = complement ? 1.0 : 0.0;
                continue;
            }
            var e = DeterministicExp.Of(z);
            var s = 1.0 / (1.0 + e);
            g[i] = complement ? s * e : s;
        }
    }

    /// <summary>s and its derivatives by ln B (<paramref name="d0"/>) and ln C_mid (<paramref name="d1"/>).</summary>
    public static void WithDerivatives(ReadOnlySpan<double> logCompute, double b, double logMid,
        Span<double> g, Span<double> d0, Span<double> d1, bool complement)
    {
        var sign = complement ? 1.0 : -1.0;
        var i = logCompute.Length >= Width ? WithDerivativesByFour(logCompute, b, logMid, g, d0, d1, complement, sign) : 0;
        for (; i < logCompute.Length; i++)
        {
            var z = b * (logMid - logCompute[i]);
            if (z > OverflowExponent)
            {
                g[i] = complement ? 1.0 : 0.0;
                d0[i] = 0.0;
                d1[i] = 0.0;
                continue;
            }
            var e = DeterministicExp.Of(z);
            var s = 1.0 / (1.0 + e);
            var slope = s * s * e; // s (1 - s), without forming 1 - s
            g[i] = complement ? s * e : s;
            d0[i] = sign * slope * z;
            d1[i] = sign * slope * b;
        }
    }

    // Compiled optimised at first call: ReadyToRun does not precompile 256-bit vector code for a baseline processor.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ValuesByFour(ReadOnlySpan<double> logCompute, double b, double logMid, Span<double> g, bool complement)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            return 0;
        }
        var (scale, mid, overflow) = (Vector256.Create(b), Vector256.Create(logMid), Vector256.Create(OverflowExponent));
        var atR0 = complement ? Vector256<double>.One : Vector256<double>.Zero;
        var i = 0;
        for (; i + Width <= logCompute.Length; i += Width)
        {
            var (z, e, s) = At(logCompute.Slice(i, Width), scale, mid);
            Vector256.ConditionalSelect(Vector256.GreaterThan(z, overflow), atR0, complement ? s * e : s).CopyTo(g.Slice(i, Width));
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int WithDerivativesByFour(ReadOnlySpan<double> logCompute, double b, double logMid,
        Span<double> g, Span<double> d0, Span<double> d1, bool complement, double sign)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            return 0;
        }
        var (scale, mid, overflow) = (Vector256.Create(b), Vector256.Create(logMid), Vector256.Create(OverflowExponent));
        var signs = Vector256.Create(sign);
        var atR0 = complement ? Vector256<double>.One : Vector256<double>.Zero;
        var i = 0;
        for (; i + Width <= logCompute.Length; i += Width)
        {
            var (z, e, s) = At(logCompute.Slice(i, Width), scale, mid);
            var slope = s * s * e;
            var past = Vector256.GreaterThan(z, overflow);
            Vector256.ConditionalSelect(past, atR0, complement ? s * e : s).CopyTo(g.Slice(i, Width));
            Vector256.ConditionalSelect(past, Vector256<double>.Zero, signs * slope * z).CopyTo(d0.Slice(i, Width));
            Vector256.ConditionalSelect(past, Vector256<double>.Zero, signs * slope * scale).CopyTo(d1.Slice(i, Width));
        }
        return i;
    }

    /// <summary>z, e^z and s at four points, each lane as <see cref="Values"/> takes one point.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<double> Z, Vector256<double> E, Vector256<double> S) At(ReadOnlySpan<double> logCompute,
        Vector256<double> scale, Vector256<double> mid)
    {
        var z = scale * (mid - Vector256.Create(logCompute));
        var e = DeterministicExp.Of(z);
        return (z, e, Vector256<double>.One / (Vector256<double>.One + e));
    }
}
