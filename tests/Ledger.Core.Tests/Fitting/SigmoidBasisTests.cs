using Ledger.Core.Fitting;

namespace Ledger.Core.Tests.Fitting;

/// <summary>
/// The sigmoid basis four points at a time gives each point the bits it gets alone (a span of one takes the scalar
/// path), over the curve's whole range: far below C_mid where e^z overflows, C = 0, the bend, and far past it.
/// </summary>
public class SigmoidBasisTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Four_at_a_time_is_each_point_alone(bool complement)
    {
        var random = new Random(31);
        for (var trial = 0; trial < 200; trial++)
        {
            var length = 1 + trial % 17;
            var b = Math.Exp((random.NextDouble() - 0.5) * 6);
            var logMid = random.NextDouble() * 12;
            var logCompute = Enumerable.Range(0, length).Select(i => (i + trial) % 11 == 0 ? double.NegativeInfinity : random.NextDouble() * 30 - 10).ToArray();
            var (g, d0, d1, values) = (new double[length], new double[length], new double[length], new double[length]);
            SigmoidBasis.WithDerivatives(logCompute, b, logMid, g, d0, d1, complement);
            SigmoidBasis.Values(logCompute, b, logMid, values, complement);
            for (var i = 0; i < length; i++)
            {
                var (g1, d01, d11, value1) = (new double[1], new double[1], new double[1], new double[1]);
                SigmoidBasis.WithDerivatives(logCompute.AsSpan(i, 1), b, logMid, g1, d01, d11, complement);
                SigmoidBasis.Values(logCompute.AsSpan(i, 1), b, logMid, value1, complement);
                Assert.Equal(Bits(g1[0]), Bits(g[i]));
                Assert.Equal(Bits(d01[0]), Bits(d0[i]));
                Assert.Equal(Bits(d11[0]), Bits(d1[i]));
                Assert.Equal(Bits(value1[0]), Bits(values[i]));
                Assert.Equal(Bits(g[i]), Bits(values[i]));
            }
        }
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
