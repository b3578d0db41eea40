namespace Ledger.Core.Fitting;

/// <summary>
/// The k-th smallest of some doubles without sorting them all (a long run's million residuals): the value Array.Sort
/// would put at index k, NaNs first as it puts them, found by introselect in linear time on average.
/// </summary>
internal static class OrderStatistic
{
    /// <summary>The k-th smallest (0-based) of <paramref name="values"/>, which it reorders.</summary>
    public static double Select(Span<double> values, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, values.Length);
        var nans = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
                (values[i], values[nans]) = (values[nans++], values[i]);
        }
        if (k < nans)
            return double.NaN;
        var rest = values[nans..];
        k -= nans;
        // Past this many halvings the pivots are being chosen badly (an adversarial order): sort what is left instead.
        var budget = 2 * (int)Math.Log2(rest.Length + 1);
        while (rest.Length > 16 && budget-- > 0)
        {
            var (lower, upper) = Partition(rest);
            if (k < lower)
            {
                rest = rest[..lower];
            }
            else if (k >= upper)
            {
                rest = rest[upper..];
                k -= upper;
            }
            else
            {
                return rest[k];
            }
        }
        rest.Sort();
        return rest[k];
    }

    /// <summary>
    /// Three-way partition around the median of the first, middle and last values: below [0, lower), equal [lower, upper),
    /// above [upper, end). Equal values in one block end the search at once, and -0.0 and 0.0 count as equal, as in a sort.
    /// </summary>
    private static (int Lower, int Upper) Partition(Span<double> values)
    {
        var pivot = MedianOfThree(values[0], values[values.Length / 2], values[^1]);
        int lower = 0, i = 0, upper = values.Length;
        while (i < upper)
        {
            if (values[i] < pivot)
                (values[i], values[lower]) = (values[lower++], values[i++]);
            else if (values[i] > pivot)
                (values[i], values[--upper]) = (values[upper], values[i]);
            else
                i++;
        }
        return (lower, upper);
    }

    private static double MedianOfThree(double a, double b, double c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}
