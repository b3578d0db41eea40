using Ledger.Core.Fitting;
using Ledger.Core.Tests.Support;

namespace Ledger.Core.Tests.Fitting;

/// <summary>NIST StRD certified values (tests/data/nist/SOURCE.md gives the mapping onto Ledger's models).</summary>
public class NistReferenceTests
{
    private static readonly FitOptions Sigmoid = new() { Model = CurveModelKind.Sigmoid, BootstrapResamples = 0 };

    // NIST start 1 (b1 100, b2 1, b3 0.1) and start 2 (75, 2.5, 0.07) as B = b3, C_mid = exp(b2 / b3);
    // b1 is a linear parameter, which variable projection solves exactly from any start.
    public static TheoryData<double[]?> Rat42Starts => new() { null, new[] { 0.1, Math.Exp(1 / 0.1) }, new[] { 0.07, Math.Exp(2.5 / 0.07) } };

    public static TheoryData<double[]?> DanWoodStarts => new() { null, new[] { -5.0 }, new[] { -4.0 } };

    [Theory]
    [MemberData(nameof(Rat42Starts))]
    public void Rat42_as_a_three_parameter_sigmoid_in_C_equals_exp_x_matches_the_certified_values(double[]? start)
    {
        var (x, y) = TestData.Nist("Rat42");
        var fit = CurveFitter.Fit("rat42", FitData.FromPoints(x.Select(Math.Exp).ToArray(), y), Sigmoid, start);

        AssertSignificant(7.2462237576E+01, fit.Parameter("A")!.Value, 6);
        AssertSignificant(6.7359200066E-02, fit.Parameter("B")!.Value, 6);
        AssertSignificant(38.867398033746715, Math.Log(fit.Parameter("C_mid")!.Value), 6);
        Assert.Equal(8.0565229338E+00, fit.Sse, 8.0565229338E+00 * 1e-9);
        AssertSignificant(1.7340283401E+00, fit.Parameter("A")!.StandardError, 4);
        AssertSignificant(3.4465663377E-03, fit.Parameter("B")!.StandardError, 4);
        // SE of ln C_mid by the delta method from the certified covariance (README): 1.17944.
        AssertSignificant(1.17944, fit.Parameter("C_mid")!.StandardError / fit.Parameter("C_mid")!.Value, 4);
    }

    [Theory]
    [MemberData(nameof(DanWoodStarts))]
    public void DanWood_as_a_power_law_matches_the_certified_values(double[]? start)
    {
        var (x, y) = TestData.Nist("DanWood");
        var fit = CurveFitter.Fit("danwood", FitData.FromPoints(x, y), Sigmoid with { Model = CurveModelKind.Power }, start);

        AssertSignificant(7.6886226176E-01, fit.Parameter("K")!.Value, 6);
        AssertSignificant(-3.8604055871E+00, fit.Parameter("E")!.Value, 6);
        Assert.Equal(4.3173084083E-03, fit.Sse, 4.3173084083E-03 * 1e-9);
        AssertSignificant(1.8281973860E-02, fit.Parameter("K")!.StandardError, 4);
        AssertSignificant(5.1726610913E-02, fit.Parameter("E")!.StandardError, 4);
    }

    internal static void AssertSignificant(double expected, double actual, int digits)
    {
        var tolerance = Math.Abs(expected) * 0.5 * Math.Pow(10, 1 - digits);
        Assert.True(Math.Abs(expected - actual) <= tolerance,
            $"expected {expected:R} to {digits} significant digits, got {actual:R} (off by {Math.Abs(expected - actual):G3})");
    }
}
