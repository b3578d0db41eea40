using Ledger.Core.Fitting;

namespace Ledger.Core.Tests.Fitting;

/// <summary>
/// The curve over a window of points gives each point the value and gradient CurveEvaluation gives it alone, bit for
/// bit, for every basis and linear mode, across window edges (over a thousand points) and when a walk goes back.
/// </summary>
public class CurveAtPointsTests
{
    // By name: the basis and mode enums are internal, and a public test method cannot take them.
    [Theory]
    [InlineData("Sigmoid", "InterceptAndScale", 1.0)]
    [InlineData("Sigmoid", "Scale", 1.0)]
    [InlineData("SigmoidComplement", "InterceptAndScale", 1.0)]
    [InlineData("Power", "Scale", 1.0)]
    [InlineData("Power", "FixedScale", 1.0)]
    [InlineData("Richards", "InterceptAndScale", 0.125)]
    [InlineData("Richards", "InterceptAndScale", 4.0)]
    public void Each_point_has_the_bits_it_has_alone(string basisName, string modeName, double shape)
    {
        var (basis, mode) = (Enum.Parse<BasisKind>(basisName), Enum.Parse<LinearMode>(modeName));
        var random = new Random(23);
        var logCompute = Enumerable.Range(0, 1_300).Select(_ => random.NextDouble() * 14 - 1).ToArray();
        var problem = new ReducedProblem(basis, mode, Shift: 0.05, FixedScale: 0.7, new ParameterBox(-5, 5, -5, 20), shape);
        var fit = new SolverResult(T0: basis == BasisKind.Power ? 0.4 : 0.3, T1: 7.5, C0: 0.02, C1: 0.65, Sse: 1, Iterations: 1);
        var parameters = problem.LinearCount + problem.NonlinearCount;
        var curve = new CurveAtPoints(problem, fit, logCompute, logCompute.Length);
        // In order across the window edges, then back to the start and a jump into the middle.
        int[] walk = [.. Enumerable.Range(0, logCompute.Length), 0, 1, 700, 3];
        var (gradient, alone) = (new double[parameters], new double[parameters]);
        foreach (var i in walk)
        {
            Assert.Equal(Bits(CurveEvaluation.AtLogCompute(problem, fit, logCompute[i])), Bits(curve.Value(i)));
            curve.Gradient(i, gradient);
            CurveEvaluation.Gradient(problem, fit, logCompute[i], alone);
            Assert.Equal(alone.Select(Bits), gradient.Select(Bits));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => curve.Value(logCompute.Length));
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
