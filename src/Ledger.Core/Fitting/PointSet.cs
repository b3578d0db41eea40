namespace Ledger.Core.Fitting;

/// <summary>
/// The points the solver fits: distinct computes in ascending order, each with the mean metric of the points there
/// and their count as a weight. Seeds of a recipe are usually evaluated at the same steps, so ten runs of 1,000
/// points become 1,000 weighted points with exactly the same least-squares optimum: the sum of squares differs
/// only by the within-compute scatter, a constant kept in <see cref="ConstantSse"/>.
/// </summary>
internal sealed class PointSet
{
    private PointSet(double[] logCompute, double[] y, double[] weight, double constantSse, int count)
    {
        LogCompute = logCompute;
        Y = y;
        Weight = weight;
        ConstantSse = constantSse;
        Count = count;
    }

    /// <summary>The arrays may be longer than <see cref="Count"/> when the set is a reused buffer: read the first Count.</summary>
    public double[] LogCompute { get; }
    public double[] Y { get; }
    public double[] Weight { get; }

    /// <summary>The sum of squares of the points about their compute's mean: add it to the solver's SSE for the real SSE.</summary>
    public double ConstantSse { get; private set; }

    public int Count { get; private set; }

    /// <summary>An empty set with room for <paramref name="capacity"/> points, to be refilled without allocating (bootstrap resamples).</summary>
    internal static PointSet Buffer(int capacity) => new(new double[capacity], new double[capacity], new double[capacity], 0, 0);

    internal void Clear()
    {
        Count = 0;
        ConstantSse = 0;
    }

    internal void Add(double logCompute, double y, double weight)
    {
        LogCompute[Count] = logCompute;
        Y[Count] = y;
        Weight[Count] = weight;
        Count++;
    }

    internal void AddConstant(double sse) => ConstantSse += sse;

    public static PointSet Collapse(FitData data) => ComputeGroups.Of(data.Compute).Collapse(data.Reward, null);

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
        return new PointSet(logCompute, y, weight, 0, count);
    }
}
