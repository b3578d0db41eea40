namespace Ledger.Core.Fitting;

/// <summary>
/// Each point's influence on each natural parameter at the optimum: psi_i = J_nat (J'J)^-1 g_i r_i, where g_i is the
/// point's gradient and r_i its residual. Sums of these over groups of points give the sandwich variances that do not
/// assume independent points: over runs (seeds as clusters, <see cref="SeedSpread"/>) and over lags within a run
/// (autocorrelated noise, <see cref="AutocorrelationAdjustment"/>). With independent points and constant noise both
/// reduce to the familiar s^2 (J'J)^-1.
/// </summary>
internal sealed class PointInfluence
{
    private PointInfluence(double[][] byParameter, int[] runIndex, int runCount)
    {
        ByParameter = byParameter;
        RunIndex = runIndex;
        RunCount = runCount;
    }

    /// <summary>[natural parameter][point], points in the data's order (runs one after another, compute rising within each).</summary>
    public double[][] ByParameter { get; }

    public int[] RunIndex { get; }

    public int RunCount { get; }

    public int PointCount => RunIndex.Length;

    /// <param name="inverseInformation">(J'J)^-1 over the internal parameters: the internal covariance divided by s^2.</param>
    public static PointInfluence Of(in ReducedProblem problem, in SolverResult fit, FitData data, double[,] inverseInformation, double[,] naturalJacobian)
    {
        var internalCount = inverseInformation.GetLength(0);
        var naturalCount = naturalJacobian.GetLength(0);
        var byParameter = new double[naturalCount][];
        for (var j = 0; j < naturalCount; j++)
            byParameter[j] = new double[data.Count];
        Span<double> gradient = stackalloc double[internalCount];
        Span<double> influence = stackalloc double[internalCount];
        for (var i = 0; i < data.Count; i++)
        {
            CurveEvaluation.Gradient(problem, fit, data.LogCompute[i], gradient);
            var residual = CurveEvaluation.Residual(problem, fit, data, i);
            for (var a = 0; a < internalCount; a++)
            {
                var sum = 0.0;
                for (var b = 0; b < internalCount; b++)
                    sum += inverseInformation[a, b] * gradient[b];
                influence[a] = sum * residual;
            }
            for (var j = 0; j < naturalCount; j++)
            {
                var sum = 0.0;
                for (var a = 0; a < internalCount; a++)
                    sum += naturalJacobian[j, a] * influence[a];
                byParameter[j][i] = sum;
            }
        }
        return new PointInfluence(byParameter, data.RunIndex, data.RunNames.Count);
    }
}
