using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Ledger.Core.Fitting;

/// <summary>
/// The asymptotic covariance s^2 (J'J)^-1 at the optimum, over the internal parameters (what NIST certifies and
/// scipy and R print), and its map to the natural parameters through the model's Jacobian.
/// </summary>
internal static class Covariance
{
    // The matrices here are 2x2 to 5x5 and each fit is already one of many run side by side: MathNet's default spreads
    // a Cholesky solve over the thread pool column by column (each column computed as alone, so the bits are the same)
    // and first probes for native providers this tool never ships; both cost more than the solve (a third of the
    // CPU time of `ledger curve` over 1,000 logs). Process-wide, and nothing else in Ledger wants either.
    static Covariance()
    {
        Control.UseManaged();
        Control.MaxDegreeOfParallelism = 1;
    }

    /// <param name="variance">The noise variance s^2 = SSE / (n - p) over the raw points.</param>
    public static Matrix<double>? Internal(in ReducedProblem problem, in SolverResult fit, PointSet points, double variance)
    {
        var parameters = problem.LinearCount + problem.NonlinearCount;
        if (!double.IsFinite(variance))
        {
            return null;
        }
        // Summed in a flat array: MathNet's indexer, or a multidimensional array's, costs more than the sum, which a
        // long run makes a million times.
        var sum = new double[parameters * parameters];
        Span<double> gradient = stackalloc double[parameters];
        var curve = new CurveAtPoints(problem, fit, points.LogCompute, points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            curve.Gradient(i, gradient);
            for (var a = 0; a < parameters; a++)
            {
                for (var b = 0; b <= a; b++)
                {
                    sum[a * parameters + b] += points.Weight[i] * gradient[a] * gradient[b];
                }
            }
        }
        var information = new double[parameters, parameters];
        for (var a = 0; a < parameters; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                information[a, b] = information[b, a] = sum[a * parameters + b];
            }
        }
        try
        {
            var inverse = Matrix<double>.Build.DenseOfArray(information).Cholesky().Solve(Matrix<double>.Build.DenseIdentity(parameters));
            return inverse.Multiply(variance);
        }
        catch (ArgumentException)
        {
            return null; // not positive definite: the parameters are not separable at this fit
        }
    }

    /// <summary>
    /// The leverage h_i = g_i' (J'J)^-1 g_i of every point: how much of its own residual the fit absorbs. Zero
    /// everywhere when the covariance is unknown.
    /// </summary>
    public static double[] Leverage(in ReducedProblem problem, in SolverResult fit, FitData data, Matrix<double>? covariance, double variance)
    {
        var leverage = new double[data.Count];
        if (covariance is null)
        {
            return leverage;
        }
        // Row by row, flat: read at every point, where a multidimensional array's indexer checks both dimensions.
        var matrix = covariance.ToRowMajorArray();
        Span<double> gradient = stackalloc double[covariance.RowCount];
        var curve = new CurveAtPoints(problem, fit, data);
        for (var i = 0; i < data.Count; i++)
        {
            curve.Gradient(i, gradient);
            var sum = 0.0;
            for (var a = 0; a < gradient.Length; a++)
            {
                for (var b = 0; b < gradient.Length; b++)
                {
                    sum += gradient[a] * matrix[a * gradient.Length + b] * gradient[b];
                }
            }
            leverage[i] = variance > 0 ? sum / variance : 0;
        }
        return leverage;
    }

    public static Matrix<double> Natural(Matrix<double> internalCovariance, double[,] naturalJacobian)
    {
        var jacobian = Matrix<double>.Build.DenseOfArray(naturalJacobian);
        return jacobian * internalCovariance * jacobian.Transpose();
    }
}
