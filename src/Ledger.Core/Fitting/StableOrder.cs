namespace Ledger.Core.Fitting;

/// <summary>
/// The indices of some values in ascending order (double's own comparison: NaN first, -0 tied with 0), ties in index
/// order: what LINQ's <c>OrderBy(i =&gt; values[i]).ThenBy(i =&gt; i)</c> gives, by a merge sort of the runs the values
/// already ascend in. A recipe's points are its seeds one after another, each ascending in compute, so they take a few
/// passes of merging; LINQ spent about 1 ms on each fit's 10,000 points of a 10-seed recipe, and a fit's bootstrap
/// sorts its 1,000 draws the same way.
/// </summary>
internal static class StableOrder
{
    public static int[] Of(double[] values)
    {
        var order = new int[values.Length];
        for (var i = 0; i < order.Length; i++)
            order[i] = i;
        var bounds = new List<int> { 0 };
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i - 1].CompareTo(values[i]) > 0)
                bounds.Add(i);
        }
        bounds.Add(values.Length);
        var spare = bounds.Count > 2 ? new int[values.Length] : [];
        // Each pass merges neighbouring runs in pairs; a run holds the indices of one stretch of the values, all below
        // those of the run after it, so taking from the left on a tie keeps ties in index order.
        while (bounds.Count > 2)
        {
            var merged = new List<int>(bounds.Count / 2 + 2) { 0 };
            for (var run = 0; run < bounds.Count - 1; run += 2)
            {
                var last = Math.Min(run + 2, bounds.Count - 1);
                Merge(values, order, spare, bounds[run], bounds[Math.Min(run + 1, last)], bounds[last]);
                merged.Add(bounds[last]);
            }
            (order, spare) = (spare, order);
            bounds = merged;
        }
        return order;
    }

    /// <summary>Merges from[low..middle) and from[middle..high), each in order, into to[low..high).</summary>
    private static void Merge(double[] values, int[] from, int[] to, int low, int middle, int high)
    {
        var (left, right, next) = (low, middle, low);
        while (left < middle && right < high)
            to[next++] = values[from[right]].CompareTo(values[from[left]]) < 0 ? from[right++] : from[left++];
        while (left < middle)
            to[next++] = from[left++];
        while (right < high)
            to[next++] = from[right++];
    }
}
