namespace Ledger.Core.Fitting;

/// <summary>The fitted curve as a function: values and gradients by the internal parameters (c0, c1, theta).</summary>
internal static class CurveEvaluation
{
    public static double Value(in ReducedProblem problem, in SolverResult fit, double compute) => AtLogCompute(problem, fit, Math.Log(compute));

    public static double AtLogCompute(in ReducedProblem problem, in SolverResult fit, double logCompute) =>
        problem.Shift + fit.C0 + fit.C1 * BasisFunctions.Value(problem.Basis, logCompute, fit.T0, fit.T1, problem.Shape);

    /// <summary>Fills d f / d internal at one compute, in internal order: free linear coefficients, then theta.</summary>
    public static void Gradient(in ReducedProblem problem, in SolverResult fit, double logCompute, Span<double> gradient)
    {
        Span<double> g = stackalloc double[1];
        Span<double> d0 = stackalloc double[1];
        Span<double> d1 = stackalloc double[1];
        BasisFunctions.Evaluate(problem.Basis, [logCompute], fit.T0, fit.T1, g, d0, d1, problem.Shape);
        FillGradient(problem, fit, g[0], d0[0], d1[0], gradient);
    }

    /// <summary>d f / d internal from the basis <paramref name="g"/> and its derivatives by theta at one compute.</summary>
    public static void FillGradient(in ReducedProblem problem, in SolverResult fit, double g, double d0, double d1, Span<double> gradient)
    {
        var k = 0;
        if (problem.Mode == LinearMode.InterceptAndScale)
        {
            gradient[k++] = 1.0;
        }
        if (problem.Mode != LinearMode.FixedScale)
        {
            gradient[k++] = g;
        }
        gradient[k++] = fit.C1 * d0;
        if (problem.NonlinearCount == 2)
        {
            gradient[k] = fit.C1 * d1;
        }
    }

    /// <summary>ln of the compute where a sigmoid has gone <paramref name="fraction"/> of the way from R0 to A.</summary>
    public static double LogComputeToFraction(in SolverResult fit, double fraction) =>
        fit.T1 + Math.Log(fraction / (1 - fraction)) / Math.Exp(fit.T0);
}
