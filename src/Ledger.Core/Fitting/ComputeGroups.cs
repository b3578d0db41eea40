namespace Ledger.Core.Fitting;

/// <summary>
/// The points of a data set grouped by identical compute, in ascending compute: worked out once per fit, so each
/// bootstrap resample collapses its points (see <see cref="PointSet"/>) in one pass without sorting again.
/// </summary>
internal sealed class ComputeGroups
{
    private readonly int[][] _members;

    public int Count => _members.Length;
    private readonly double[] _logCompute;

    private ComputeGroups(int[][] members, double[] logCompute)
    {
        _members = members;
        _logCompute = logCompute;
    }

    public static ComputeGroups Of(double[] compute)
    {
        var order = AscendingOrder(compute);
        var members = new List<int[]>();
        var start = 0;
        while (start < order.Length)
        {
            var end = start + 1;
            while (end < order.Length && compute[order[end]] == compute[order[start]])
            {
                end++;
            }
            members.Add(order[start..end]);
            start = end;
        }
        return new ComputeGroups([.. members], members.Select(m => Math.Log(compute[m[0]])).ToArray());
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
    public PointSet Collapse(double[] reward, double[]? weightOfPoint) => Collapse(reward, weightOfPoint, PointSet.Buffer(_members.Length));

    /// <summary>As <see cref="Collapse(double[], double[])"/>, refilling <paramref name="into"/> (room for one point per compute).</summary>
    public PointSet Collapse(double[] reward, double[]? weightOfPoint, PointSet into)
    {
        into.Clear();
        var constant = 0.0;
        for (var g = 0; g < _members.Length; g++)
        {
            double sumWeight = 0, sumY = 0;
            foreach (var i in _members[g])
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
            foreach (var i in _members[g])
            {
                var d = reward[i] - mean;
                constant += (weightOfPoint?[i] ?? 1.0) * d * d;
            }
            into.Add(_logCompute[g], mean, sumWeight);
        }
        into.AddConstant(constant);
        return into;
    }

    /// <summary>Point indices by ascending compute, ties in index order; logs are usually written in order already.</summary>
    private static int[] AscendingOrder(double[] compute)
    {
        var order = new int[compute.Length];
        for (var i = 0; i < order.Length; i++)
            order[i] = i;
        var sorted = true;
        for (var i = 1; i < compute.Length && sorted; i++)
            sorted = compute[i - 1].CompareTo(compute[i]) <= 0;
        if (!sorted)
            Array.Sort(order, (a, b) => compute[a].CompareTo(compute[b]) is var byCompute and not 0 ? byCompute : a.CompareTo(b));
        return order;
    }
}
