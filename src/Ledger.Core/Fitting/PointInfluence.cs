namespace Ledger.Core.Fitting;

/// <summary>
/// How each point moves each natural parameter at the optimum: the weight a_i = J_nat (J'J)^-1 g_i with which its
/// reward enters the linearised estimate (g_i is the point's gradient), and its residual r_i. Their products, the
/// points' influence a_i r_i, summed over runs give the cluster-robust sandwich over seeds (<see cref="SeedSpread"/>);
/// the weights alone give the variance under autocorrelated noise within runs (<see cref="AutocorrelationAdjustment"/>).
/// </summary>
internal sealed class PointInfluence
{
    private PointInfluence(double[][] weights, double[] residuals, int[] runIndex, int runCount)
    {
        Weights = weights;
        Residuals = residuals;
        RunIndex = runIndex;
        RunCount = runCount;
    }

    /// <summary>[natural parameter][point], points in the data's order (runs one after another, compute rising within each).</summary>
    public double[][] Weights { get; }

    public double[] Residuals { get; }

    public int[] RunIndex { get; }

    public int RunCount { get; }

    private const int BlockSize = 16_384;

    /// <param name="inverseInformation">(J'J)^-1 over the internal parameters: the internal covariance divided by s^2.</param>
    public static PointInfluence Of(in ReducedProblem problem, in SolverResult fit, FitData data, double[,] inverseInformation, double[,] naturalJacobian)
    {
        var internalCount = inverseInformation.GetLength(0);
        var naturalCount = naturalJacobian.GetLength(0);
        var weights = new double[naturalCount][];
        for (var j = 0; j < naturalCount; j++)
            weights[j] = new double[data.Count];
        var residuals = new double[data.Count];
        // Each point's weights are its own: a long run's blocks of points are taken side by side, to the same bits.
        var problemCopy = problem;
        var fitCopy = fit;
        // Flat, row by row: read at every point, where a multidimensional array's indexer checks both dimensions.
        var inverse = new double[internalCount * internalCount];
        Buffer.BlockCopy(inverseInformation, 0, inverse, 0, inverse.Length * sizeof(double));
        var jacobianColumns = naturalJacobian.GetLength(1);
        var jacobian = new double[naturalCount * jacobianColumns];
        Buffer.BlockCopy(naturalJacobian, 0, jacobian, 0, jacobian.Length * sizeof(double));
        var blocks = (data.Count + BlockSize - 1) / BlockSize;
        LongRun.For(blocks, data.Count, block =>
        {
            Span<double> gradient = stackalloc double[internalCount];
            Span<double> solved = stackalloc double[internalCount];
            var curve = new CurveAtPoints(problemCopy, fitCopy, data);
            for (var i = block * BlockSize; i < Math.Min(data.Count, (block + 1) * BlockSize); i++)
            {
                curve.Gradient(i, gradient);
                residuals[i] = data.Reward[i] - curve.Value(i);
                for (var a = 0; a < internalCount; a++)
                {
                    var sum = 0.0;
                    for (var b = 0; b < internalCount; b++)
                        sum += inverse[a * internalCount + b] * gradient[b];
                    solved[a] = sum;
                }
                for (var j = 0; j < naturalCount; j++)
                {
                    var sum = 0.0;
                    for (var a = 0; a < internalCount; a++)
                        sum += jacobian[j * jacobianColumns + a] * solved[a];
                    weights[j][i] = sum;
                }
            }
        });
        return new PointInfluence(weights, residuals, data.RunIndex, data.RunNames.Count);
    }
}
