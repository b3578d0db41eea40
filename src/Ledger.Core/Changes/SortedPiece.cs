namespace Ledger.Core.Changes;

/// <summary>
/// The measurements of one segment sorted by value, with their weights and running totals: what the weighted median
/// and the L1 cost sum w |y - median| need. The cost takes one partial pass (to the median), since the totals above it
/// follow from the whole; two neighbouring pieces merge in linear time.
/// </summary>
internal sealed class SortedPiece
{
    private double[] _values;
    private double[] _weights;
    private double _totalWeight;
    private double _totalWeighted;
    private double _cost = double.NaN;

    public SortedPiece(int capacity)
    {
        _values = new double[Math.Max(capacity, 1)];
        _weights = new double[Math.Max(capacity, 1)];
    }

    public int Count { get; private set; }

    public static SortedPiece Of(double[] values, double[] weights, int start, int end)
    {
        var piece = new SortedPiece(end - start);
        var order = Enumerable.Range(start, end - start).OrderBy(i => values[i]).ThenBy(i => i).ToList();
        foreach (var i in order)
            piece.Append(values[i], weights[i]);
        return piece;
    }

    public static SortedPiece Merge(SortedPiece left, SortedPiece right)
    {
        var piece = new SortedPiece(left.Count + right.Count);
        var (i, j) = (0, 0);
        while (i < left.Count || j < right.Count)
        {
            if (j >= right.Count || (i < left.Count && left._values[i] <= right._values[j]))
            {
                piece.Append(left._values[i], left._weights[i]);
                i++;
            }
            else
            {
                piece.Append(right._values[j], right._weights[j]);
                j++;
            }
        }
        return piece;
    }

    public void Clear()
    {
        Count = 0;
        (_totalWeight, _totalWeighted, _cost) = (0, 0, double.NaN);
    }

    /// <summary>Adds a measurement in its sorted place (insertion: pieces of the exact pass are short).</summary>
    public void Insert(double value, double weight)
    {
        if (Count == _values.Length)
        {
            Array.Resize(ref _values, 2 * Count);
            Array.Resize(ref _weights, 2 * Count);
        }
        var at = Count;
        while (at > 0 && _values[at - 1] > value)
        {
            _values[at] = _values[at - 1];
            _weights[at] = _weights[at - 1];
            at--;
        }
        _values[at] = value;
        _weights[at] = weight;
        Count++;
        Add(value, weight);
    }

    /// <summary>
    /// sum w |y - m| at the weighted median m: the first value at which the running weight reaches half the total (any
    /// point between it and the next when the half is reached exactly: the cost is the same).
    /// </summary>
    public double Cost()
    {
        if (!double.IsNaN(_cost))
            return _cost;
        var (below, belowWeighted) = (0.0, 0.0);
        for (var i = 0; i < Count; i++)
        {
            var (value, weight) = (_values[i], _weights[i]);
            if (below + weight >= _totalWeight / 2)
            {
                var above = _totalWeight - below - weight;
                var aboveWeighted = _totalWeighted - belowWeighted - weight * value;
                return _cost = Math.Max(0, value * (below - above) - belowWeighted + aboveWeighted);
            }
            below += weight;
            belowWeighted += weight * value;
        }
        return _cost = 0;
    }

    private void Append(double value, double weight)
    {
        _values[Count] = value;
        _weights[Count] = weight;
        Count++;
        Add(value, weight);
    }

    private void Add(double value, double weight)
    {
        _totalWeight += weight;
        _totalWeighted += weight * value;
        _cost = double.NaN;
    }
}
