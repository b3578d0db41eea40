using System.Runtime.Intrinsics;
using Ledger.Core.Fitting;
using Xunit.Abstractions;

namespace Ledger.Core.Tests.Fitting;

/// <summary>
/// The fit's own e^x: as accurate as the C library's exp it replaces, and the same bits four at a time as one at a
/// time, so a fit does not depend on the machine's vector width or its C library.
/// </summary>
public class DeterministicExpTests(ITestOutputHelper output)
{
    private static readonly double[] Edges =
    [
        0.0, -0.0, 1e-300, -1e-300, 1.0, -1.0, Math.Log(2), -Math.Log(2), 0.5 * Math.Log(2), -0.5 * Math.Log(2), 30, -30,
        DeterministicExp.Overflow, Math.BitIncrement(DeterministicExp.Overflow), 709.7, 710, 1e6,
        DeterministicExp.Underflow, Math.BitDecrement(DeterministicExp.Underflow), -745, -1e6,
        double.PositiveInfinity, double.NegativeInfinity, double.NaN,
    ];

    [Fact]
    public void Is_within_two_ulp_of_the_C_library_s_exp_over_the_whole_range()
    {
        var random = new Random(17);
        var largest = 0L;
        var worst = 0.0;
        var off = 0;
        for (var i = 0; i < 400_000; i++)
        {
            // Half spread over the whole range, half near 0 where fits' exponents mostly lie.
            var x = i % 2 == 0 ? DeterministicExp.Underflow + random.NextDouble() * (DeterministicExp.Overflow - DeterministicExp.Underflow)
                : (random.NextDouble() - 0.5) * 40;
            var ulps = Math.Abs(BitConverter.DoubleToInt64Bits(DeterministicExp.Of(x)) - BitConverter.DoubleToInt64Bits(Math.Exp(x)));
            off += ulps > 1 ? 1 : 0;
            if (ulps > largest)
                (largest, worst) = (ulps, x);
        }
        output.WriteLine($"largest difference from Math.Exp: {largest} ulp, at x = {worst:R}; {off} of 400,000 more than 1 ulp off");
        Assert.True(largest <= 2, $"{largest} ulp from Math.Exp at x = {worst:R}");
        Assert.True(off < 4_000, $"{off} of 400,000 arguments more than 1 ulp from Math.Exp");
        Assert.Equal(1.0, DeterministicExp.Of(0.0));
        Assert.Equal(1.0, DeterministicExp.Of(-0.0));
    }

    [Fact]
    public void Takes_its_ends_as_the_scalar_form_does()
    {
        Assert.Equal(double.PositiveInfinity, DeterministicExp.Of(Math.BitIncrement(DeterministicExp.Overflow)));
        Assert.True(double.IsFinite(DeterministicExp.Of(DeterministicExp.Overflow)));
        Assert.Equal(0.0, DeterministicExp.Of(Math.BitDecrement(DeterministicExp.Underflow)));
        Assert.True(DeterministicExp.Of(DeterministicExp.Underflow) > 0);
        Assert.Equal(double.PositiveInfinity, DeterministicExp.Of(double.PositiveInfinity));
        Assert.Equal(0.0, DeterministicExp.Of(double.NegativeInfinity));
        Assert.True(double.IsNaN(DeterministicExp.Of(double.NaN)));
    }

    [Fact]
    public void Four_at_a_time_gives_the_bits_of_one_at_a_time()
    {
        output.WriteLine($"256-bit vectors here: {Vector256.IsHardwareAccelerated}");
        var random = new Random(23);
        // Every length from 1 to 13 (vector bodies and scalar tails), the edges at every lane.
        for (var length = 1; length <= 13; length++)
        {
            for (var shift = 0; shift < Edges.Length; shift++)
            {
                var x = Enumerable.Range(0, length)
                    .Select(i => (i + shift) % 3 == 0 ? Edges[(i + shift) % Edges.Length] : (random.NextDouble() - 0.5) * 1500)
                    .ToArray();
                var result = new double[length];
                DeterministicExp.Of(x, result);
                for (var i = 0; i < length; i++)
                    Assert.Equal(BitConverter.DoubleToInt64Bits(DeterministicExp.Of(x[i])), BitConverter.DoubleToInt64Bits(result[i]));
                // In place, as the bases call it.
                DeterministicExp.Of(x, x);
                Assert.Equal(result.Select(BitConverter.DoubleToInt64Bits), x.Select(BitConverter.DoubleToInt64Bits));
            }
        }
    }
}
