namespace Ledger.Core.Fitting;

/// <summary>
/// The points of a data set grouped by identical compute, in ascending compute: worked out once per fit, so each
/// bootstrap resample collapses its points (see <see cref="PointSet"/>) in one pass without sorting again.
/// </summary>
internal sealed class ComputeGroups
{
    // The points in ascending compute, and where each compute's run of them starts (one more entry for the end):
    // two flat arrays, where an array per compute cost a long run a million small allocations.
    private readonly int[] _order;
    private readonly int[] _starts;
    private readonly double[] _logCompute;

    public int Count => _logCompute.Length;

    private ComputeGroups(int[] order, int[] starts, double[] logCompute)
    {
        _order = order;
        _starts = starts;
        _logCompute = logCompute;
    }

    public static ComputeGroups Of(double[] compute)
    {
        // A log in step order is already sorted (the common case), and sorting a long run's million points costs more than its fit.
        var order = IsAscending(compute) ? Enumerable.Range(0, compute.Length).ToArray() : StableOrder(compute);
        var starts = new List<int>();
        var logCompute = new List<double>();
        var start = 0;
        while (start < order.Length)
        {
            var end = start + 1;
            while (end < order.Length && compute[order[end]] == compute[order[start]])
            {
                end++;
            }
            starts.Add(start);
            logCompute.Add(Math.Log(compute[order[start]]));
            start = end;
        }
        starts.Add(order.Length);
        return new ComputeGroups(order, [.. starts], [.. logCompute]);
    }

    /// <summary>
    /// The points' indices in ascending compute (the default comparer's order, which also places NaN), ties in index
    /// order: a stable sort's order, from one sort of keys no two points share. The seeds of a recipe are fitted
    /// together, one ascending run after another, so a check of 1,000 recipes sorts 1,000 times; LINQ's OrderBy and
    /// ThenBy spent about 1 ms on each 10,000 points.
    /// </summary>
    private static int[] StableOrder(double[] compute)
    {
        var keys = new OrderKey[compute.Length];
        for (var i = 0; i < compute.Length; i++)
            keys[i] = new OrderKey(compute[i], i);
        Array.Sort(keys);
        var order = new int[keys.Length];
        for (var i = 0; i < keys.Length; i++)
            order[i] = keys[i].Index;
        return order;
    }

    private readonly record struct OrderKey(double Compute, int Index) : IComparable<OrderKey>
    {
        public int CompareTo(OrderKey other)
        {
            var byCompute = Compute.CompareTo(other.Compute);
            return byCompute != 0 ? byCompute : Index.CompareTo(other.Index);
        }
    }

    /// <summary>In the order <see cref="StableOrder"/> puts them, ties kept in place.</summary>
    private static bool IsAscending(double[] compute)
    {
        for (var i = 1; i < compute.Length; i++)
        {
            if (compute[i - 1].CompareTo(compute[i]) > 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>How many distinct computes above 0 there are.</summary>
    public int PositiveCount => _logCompute.Count(log => log > double.NegativeInfinity);

    /// <summary>How many distinct values of ln C lie above <paramref name="logCompute"/> (two computes a hair apart can share one).</summary>
    public int DistinctLogsAbove(double logCompute)
    {
        var count = 0;
        for (var g = 0; g < _logCompute.Length; g++)
        {
            if (_logCompute[g] > logCompute && (g == 0 || _logCompute[g] != _logCompute[g - 1]))
                count++;
        }
        return count;
    }

    /// <summary>
    /// One weighted point per compute: the weighted mean of its points' metric, the total weight, and the weighted
    /// scatter about the means. <paramref name="weightOfPoint"/> null weighs every point 1; a zero weight drops it.
    /// </summary>
    public PointSet Collapse(double[] reward, double[]? weightOfPoint) => Collapse(reward, weightOfPoint, PointSet.Buffer(Count));

    /// <summary>As <see cref="Collapse(double[], double[])"/>, refilling <paramref name="into"/> (room for one point per compute).</summary>
    public PointSet Collapse(double[] reward, double[]? weightOfPoint, PointSet into)
    {
        into.Clear();
        var constant = 0.0;
        for (var g = 0; g < Count; g++)
        {
            var members = _order.AsSpan(_starts[g], _starts[g + 1] - _starts[g]);
            double sumWeight = 0, sumY = 0;
            foreach (var i in members)
            {
                var w = weightOfPoint?[i] ?? 1.0;
                sumWeight += w;
                sumY += w * reward[i];
            }
            if (sumWeight <= 0)
            {
                continue;
            }
            var mean = sumY / sumWeight;
            foreach (var i in members)
            {
                var d = reward[i] - mean;
                constant += (weightOfPoint?[i] ?? 1.0) * d * d;
            }
            into.Add(_logCompute[g], mean, sumWeight);
        }
        into.AddConstant(constant);
        return into;
    }
}
