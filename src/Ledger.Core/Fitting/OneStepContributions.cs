namespace Ledger.Core.Fitting;

/// <summary>
/// Each point's share of a one-step refit: (J'J)^-1 J_i' e_i, the Gauss-Newton step from the fitted optimum that the
/// point's residual e_i alone would cause. A wild bootstrap flips residuals in sign by blocks, so a resample's step is
/// the sum of its points' shares with their signs: formed once per fit, read by every resample.
/// </summary>
internal static class OneStepContributions
{
    /// <summary>
    /// The shares, point by point in the data's order, in internal parameter order (free linear coefficients, then
    /// theta): <c>shares[i * parameters + a]</c>. Null when J'J is singular.
    /// </summary>
    public static double[]? Of(in ReducedProblem problem, in SolverResult fit, FitData data, double[] residuals)
    {
        var parameters = problem.LinearCount + problem.NonlinearCount;
        // The gradients first; each point's row is then overwritten by its share, so a long run holds one n x p array.
        var shares = new double[data.Count * parameters];
        // Summed and read flat in the loops over every point: a multidimensional array's indexer checks every dimension.
        var sum = new double[parameters * parameters];
        var curve = new CurveAtPoints(problem, fit, data);
        for (var i = 0; i < data.Count; i++)
        {
            var gradient = shares.AsSpan(i * parameters, parameters);
            curve.Gradient(i, gradient);
            for (var a = 0; a < parameters; a++)
            {
                for (var b = 0; b < parameters; b++)
                {
                    sum[a * parameters + b] += gradient[a] * gradient[b];
                }
            }
        }
        var information = new double[parameters, parameters];
        Buffer.BlockCopy(sum, 0, information, 0, sum.Length * sizeof(double));
        if (Inverse(information, parameters) is not { } inverseMatrix)
        {
            return null;
        }
        var inverse = new double[parameters * parameters];
        Buffer.BlockCopy(inverseMatrix, 0, inverse, 0, inverse.Length * sizeof(double));
        Span<double> share = stackalloc double[parameters];
        for (var i = 0; i < data.Count; i++)
        {
            var row = shares.AsSpan(i * parameters, parameters);
            for (var a = 0; a < parameters; a++)
            {
                var contribution = 0.0;
                for (var b = 0; b < parameters; b++)
                {
                    contribution += inverse[a * parameters + b] * row[b];
                }
                share[a] = contribution * residuals[i];
            }
            share.CopyTo(row);
        }
        return shares;
    }

    private static double[,]? Inverse(double[,] information, int parameters)
    {
        var inverse = new double[parameters, parameters];
        var matrix = new double[parameters, parameters];
        var column = new double[parameters];
        for (var c = 0; c < parameters; c++)
        {
            Array.Copy(information, matrix, information.Length);
            Array.Clear(column);
            column[c] = 1;
            if (!SmallLinearSystem.TrySolve(matrix, column))
            {
                return null;
            }
            for (var a = 0; a < parameters; a++)
            {
                inverse[a, c] = column[a];
            }
        }
        return inverse;
    }
}
