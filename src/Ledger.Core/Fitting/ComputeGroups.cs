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
        // A log in step order is already in order (the common case): its million points are then not sorted at all.
        var order = StableOrder.Of(compute);
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

    /// <summary>When every compute holds one point: where each point (in the data's order) lands in the collapsed set; else null.</summary>
    public int[]? SlotsWhenDistinct()
    {
        if (Count != _order.Length)
        {
            return null;
        }
        var slots = new int[_order.Length];
        for (var g = 0; g < _order.Length; g++)
        {
            slots[_order[g]] = g;
        }
        return slots;
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
