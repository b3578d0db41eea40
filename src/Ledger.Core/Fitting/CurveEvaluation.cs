namespace Ledger.Core.Fitting;

/// <summary>The fitted curve as a function: values and gradients by the internal parameters (c0, c1, theta).</summary>
internal static class CurveEvaluation
{
    public static double Value(in ReducedProblem problem, in SolverResult fit, double compute) => AtLogCompute(problem, fit, Math.Log(compute));

    public static double AtLogCompute(in ReducedProblem problem, in SolverResult fit, double logCompute) =>
        problem.Shift + fit.C0 + fit.C1 * BasisFunctions.Value(problem.Basis, logCompute, fit.T0, fit.T1, problem.Shape);

    /// <summary>The data's residuals y - f(C) at the fit, point by point in the data's order.</summary>
    public static double Residual(in ReducedProblem problem, in SolverResult fit, FitData data, int i) =>
        data.Reward[i] - AtLogCompute(problem, fit, data.LogCompute[i]);

    /// <summary>Fills d f / d internal at one compute, in internal order: free linear coefficients, then theta.</summary>
    public static void Gradient(in ReducedProblem problem, in SolverResult fit, double logCompute, Span<double> gradient)
    {
        Span<double> g = stackalloc double[1];
        Span<double> d0 = stackalloc double[1];
        Span<double> d1 = stackalloc double[1];
        BasisFunctions.Evaluate(problem.Basis, [logCompute], fit.T0, fit.T1, g, d0, d1, problem.Shape);
        var k = 0;
        if (problem.Mode == LinearMode.InterceptAndScale)
        {
            gradient[k++] = 1.0;
        }
        if (problem.Mode != LinearMode.FixedScale)
        {
            gradient[k++] = g[0];
        }
        gradient[k++] = fit.C1 * d0[0];
        if (problem.NonlinearCount == 2)
        {
            gradient[k] = fit.C1 * d1[0];
        }
    }

    /// <summary>ln of the compute where a sigmoid has gone <paramref name="fraction"/> of the way from R0 to A.</summary>
    public static double LogComputeToFraction(in SolverResult fit, double fraction) =>
        fit.T1 + Math.Log(fraction / (1 - fraction)) / Math.Exp(fit.T0);
}
