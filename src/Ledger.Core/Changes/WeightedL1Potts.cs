namespace Ledger.Core.Changes;

/// <summary>
/// The weighted L1 Potts segmentation that asv uses to find steps in benchmark timings (asv's step_detect.py, after
/// Friedrich et al. 2008): the piecewise-constant fit that minimises gamma x (number of segments) plus
/// sum_i w_i |y_i - m(segment of i)|, each segment at its weighted median. L1 and medians, so that one wild measurement
/// pulls no level and makes at most a segment of its own. Solved approximately, as asv does: exactly by dynamic
/// programming over segments of at most <see cref="MaxPiece"/> measurements (linear instead of quadratic in their
/// number), then neighbouring pieces merged, the cheapest merge first, for as long as merging lowers the cost.
/// Unlike asv's, the scale is known here (weights are 1 / SE, so the cost is in standard errors): gamma is given, not
/// searched for, and asv's last pass, which moves each boundary to its best place, is left to the transition fit
/// (<see cref="Transition"/>), which places every change that survives by least squares.
/// </summary>
internal static class WeightedL1Potts
{
    /// <summary>asv's max_size: pieces the exact pass considers; longer segments come from merging.</summary>
    public const int MaxPiece = 20;

    /// <returns>The segments as half-open ranges [Start, End) of the measurements, in order, covering them all.</returns>
    public static List<(int Start, int End)> Segment(double[] values, double[] weights, double gamma)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(weights);
        if (values.Length == 0)
            return [];
        var pieces = ExactOverShortPieces(values, weights, gamma);
        return MergeWhileCheaper(values, weights, pieces, gamma);
    }

    /// <summary>Bellman's recursion over segments of at most <see cref="MaxPiece"/>: best[r] is the least cost of the first r measurements.</summary>
    private static List<(int Start, int End)> ExactOverShortPieces(double[] values, double[] weights, double gamma)
    {
        var n = values.Length;
        var best = new double[n + 1];
        var start = new int[n];
        var piece = new SortedPiece(MaxPiece);
        for (var r = 0; r < n; r++)
        {
            best[r + 1] = double.PositiveInfinity;
            piece.Clear();
            for (var l = r; l >= Math.Max(0, r + 1 - MaxPiece); l--)
            {
                piece.Insert(values[l], weights[l]);
                var candidate = best[l] + gamma + piece.Cost();
                // On a tie the longer segment wins: no boundary the data do not ask for.
                if (candidate <= best[r + 1])
                {
                    best[r + 1] = candidate;
                    start[r] = l;
                }
            }
        }
        var segments = new List<(int, int)>();
        for (var end = n; end > 0; end = start[end - 1])
            segments.Add((start[end - 1], end));
        segments.Reverse();
        return segments;
    }

    private static List<(int Start, int End)> MergeWhileCheaper(double[] values, double[] weights,
        List<(int Start, int End)> segments, double gamma)
    {
        var pieces = segments.Select(s => SortedPiece.Of(values, weights, s.Start, s.End)).ToList();
        var ranges = segments.ToList();
        // merged[j]: the piece pieces[j] and pieces[j + 1] would make; recomputed only next to a merge.
        var merged = Enumerable.Range(0, pieces.Count - 1).Select(j => SortedPiece.Merge(pieces[j], pieces[j + 1])).ToList();
        while (merged.Count > 0)
        {
            var (cheapest, change) = (-1, 0.0);
            for (var j = 0; j < merged.Count; j++)
            {
                var gain = merged[j].Cost() - pieces[j].Cost() - pieces[j + 1].Cost() - gamma;
                if (gain <= change)
                    (cheapest, change) = (j, gain);
            }
            if (cheapest < 0)
                break;
            pieces[cheapest] = merged[cheapest];
            ranges[cheapest] = (ranges[cheapest].Start, ranges[cheapest + 1].End);
            pieces.RemoveAt(cheapest + 1);
            ranges.RemoveAt(cheapest + 1);
            merged.RemoveAt(cheapest);
            if (cheapest > 0)
                merged[cheapest - 1] = SortedPiece.Merge(pieces[cheapest - 1], pieces[cheapest]);
            if (cheapest < merged.Count)
                merged[cheapest] = SortedPiece.Merge(pieces[cheapest], pieces[cheapest + 1]);
        }
        return ranges;
    }
}
