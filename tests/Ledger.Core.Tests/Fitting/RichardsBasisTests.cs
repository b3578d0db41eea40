using Ledger.Core.Fitting;

namespace Ledger.Core.Tests.Fitting;

/// <summary>
/// Richards' basis at the shapes the model-dependence check walks: the closed form (1 + nu e^z)^(-1/nu), worked out
/// here with the C library's pow, and its derivatives by central differences; the sigmoid's bits at nu = 1; each point
/// the bits it gets alone, four at a time or not; R0 where e^z overflows.
/// </summary>
public class RichardsBasisTests
{
    public static TheoryData<double> Shapes => [0.125, 0.25, 0.5, 1, 2, 4, 8];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Values_are_the_closed_form(double shape)
    {
        var (logCompute, b, logMid) = Points(seed: 3);
        var (g, d0, d1) = Evaluate(logCompute, b, logMid, shape);
        for (var i = 0; i < logCompute.Length; i++)
        {
            var z = b * (logMid - logCompute[i]);
            var expected = Math.Pow(1 + shape * Math.Exp(z), -1 / shape);
            Assert.True(Math.Abs(g[i] - expected) <= 1e-14 * expected, $"nu {shape}, z {z}: {g[i]} against {expected}");
            Assert.True(double.IsFinite(d0[i]) && double.IsFinite(d1[i]));
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Derivatives_match_central_differences(double shape)
    {
        var (logCompute, b, logMid) = Points(seed: 5);
        var (_, d0, d1) = Evaluate(logCompute, b, logMid, shape);
        const double h = 1e-6;
        var (upB, _, _) = Evaluate(logCompute, b * Math.Exp(h), logMid, shape);
        var (downB, _, _) = Evaluate(logCompute, b * Math.Exp(-h), logMid, shape);
        var (upMid, _, _) = Evaluate(logCompute, b, logMid + h, shape);
        var (downMid, _, _) = Evaluate(logCompute, b, logMid - h, shape);
        for (var i = 0; i < logCompute.Length; i++)
        {
            AssertClose((upB[i] - downB[i]) / (2 * h), d0[i]);
            AssertClose((upMid[i] - downMid[i]) / (2 * h), d1[i]);
        }
    }

    [Fact]
    public void At_shape_one_it_is_the_sigmoid()
    {
        var (logCompute, b, logMid) = Points(seed: 7);
        var (g, _, _) = Evaluate(logCompute, b, logMid, 1);
        var sigmoid = new double[logCompute.Length];
        SigmoidBasis.Values(logCompute, b, logMid, sigmoid, complement: false);
        Assert.Equal(sigmoid.Select(BitConverter.DoubleToInt64Bits), g.Select(BitConverter.DoubleToInt64Bits));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Each_point_has_the_bits_it_has_alone(double shape)
    {
        var random = new Random(11);
        for (var trial = 0; trial < 50; trial++)
        {
            var length = 1 + trial % 13;
            var logCompute = Enumerable.Range(0, length).Select(_ => random.NextDouble() * 30 - 10).ToArray();
            var (b, logMid) = (Math.Exp((random.NextDouble() - 0.5) * 6), random.NextDouble() * 12);
            var (g, d0, d1) = Evaluate(logCompute, b, logMid, shape);
            for (var i = 0; i < length; i++)
            {
                var (g1, d01, d11) = Evaluate(logCompute[i..(i + 1)], b, logMid, shape);
                Assert.Equal(BitConverter.DoubleToInt64Bits(g1[0]), BitConverter.DoubleToInt64Bits(g[i]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(d01[0]), BitConverter.DoubleToInt64Bits(d0[i]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(d11[0]), BitConverter.DoubleToInt64Bits(d1[i]));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Where_e_to_the_z_overflows_the_curve_sits_at_R0(double shape)
    {
        // C = 0, and a C so far below C_mid that e^z is past double's range.
        var (g, d0, d1) = Evaluate([double.NegativeInfinity, -800, 5], 1, 0, shape);
        double[] atR0 = [0.0, 0.0];
        Assert.Equal(atR0, g[..2]);
        Assert.Equal(atR0, d0[..2]);
        Assert.Equal(atR0, d1[..2]);
        Assert.True(g[2] > 0.99);
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(0.3)]
    [InlineData(0.0)]
    [InlineData(512.0)]
    [InlineData(double.NaN)]
    public void Other_shapes_are_refused(double shape)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Evaluate([1.0], 1, 0, shape));
    }

    /// <summary>Computes spread over the bend and well to both sides of it.</summary>
    private static (double[] LogCompute, double B, double LogMid) Points(int seed)
    {
        var random = new Random(seed);
        var logMid = 8.0;
        return (Enumerable.Range(0, 41).Select(_ => logMid + (random.NextDouble() - 0.5) * 12).ToArray(), 0.5 + random.NextDouble() * 2, logMid);
    }

    private static (double[] G, double[] D0, double[] D1) Evaluate(double[] logCompute, double b, double logMid, double shape)
    {
        var (g, d0, d1) = (new double[logCompute.Length], new double[logCompute.Length], new double[logCompute.Length]);
        RichardsBasis.Evaluate(logCompute, b, logMid, shape, g, d0, d1);
        return (g, d0, d1);
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-8 * Math.Abs(expected) + 1e-9, $"{actual} against {expected}");
}
