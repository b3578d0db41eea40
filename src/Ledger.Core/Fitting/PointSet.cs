namespace Ledger.Core.Fitting;

/// <summary>
/// The points the solver fits: distinct computes in ascending order, each with the mean metric of the points there
/// and their count as a weight. Seeds of a recipe are usually evaluated at the same steps, so ten runs of 1,000
/// points become 1,000 weighted points with exactly the same least-squares optimum: the sum of squares differs
/// only by the within-compute scatter, a constant kept in <see cref="ConstantSse"/>.
/// </summary>
internal sealed class PointSet
{
    private PointSet(double[] logCompute, double[] y, double[] weight, double constantSse)
    {
        LogCompute = logCompute;
        Y = y;
        Weight = weight;
        ConstantSse = constantSse;
    }

    public double[] LogCompute { get; }
    public double[] Y { get; }
    public double[] Weight { get; }

    /// <summary>The sum of squares of the points about their compute's mean: add it to the solver's SSE for the real SSE.</summary>
    public double ConstantSse { get; }

    public int Count => LogCompute.Length;

    public static PointSet Collapse(FitData data) => ComputeGroups.Of(data.Compute).Collapse(data.Reward, null);

    internal static PointSet FromParts(double[] logCompute, double[] y, double[] weight, double constantSse) =>
        new(logCompute, y, weight, constantSse);

    /// <summary>Every <paramref name="count"/>-th point or so, evenly over the computes: the grid start's cheap look.</summary>
    public PointSet Subsample(int count)
    {
        if (count >= Count)
        {
            return this;
        }
        var logCompute = new double[count];
        var y = new double[count];
        var weight = new double[count];
        for (var k = 0; k < count; k++)
        {
            var i = (int)((long)k * (Count - 1) / (count - 1));
            logCompute[k] = LogCompute[i];
            y[k] = Y[i];
            weight[k] = Weight[i];
        }
        return new PointSet(logCompute, y, weight, 0);
    }
}
