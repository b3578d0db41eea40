namespace Ledger.Core.Changes;

/// <summary>
/// The weighted least-squares fit of levels joined by transitions over measurements <c>low</c> to <c>high</c>: a plateau
/// at each level, and across each transition a straight line from one level to the next (a step has no measurement on
/// its line). The levels are linear in the fit, so they are solved exactly; the plateaus' sums come from the prefix sums.
/// </summary>
internal static class PiecewiseLevels
{
    /// <summary>
    /// sum w (y - fit)^2 less sum w y^2 (which does not depend on where the transitions are, so comparisons over the same
    /// measurements are unchanged).
    /// </summary>
    /// <param name="transitions">In order, inside (low, high]: each leaves at least one measurement at every level.</param>
    public static double ChiSquare(double[] values, double[] weights, LevelSums sums, int low, int high,
        ReadOnlySpan<Transition> transitions)
    {
        var levels = transitions.Length + 1;
        Span<double> diagonal = stackalloc double[levels];
        Span<double> offDiagonal = stackalloc double[levels];
        Span<double> right = stackalloc double[levels];
        offDiagonal.Clear();
        for (var i = 0; i < levels; i++)
        {
            var first = i == 0 ? low : transitions[i - 1].End;
            var last = i == transitions.Length ? high : transitions[i].Start - 1;
            (diagonal[i], right[i]) = sums.Sums(first, last);
        }
        for (var i = 0; i < transitions.Length; i++)
        {
            var (start, end) = (transitions[i].Start, transitions[i].End);
            for (var j = start; j < end; j++)
            {
                var t = (j - start + 1.0) / (end - start + 1);
                var w = weights[j];
                diagonal[i] += w * (1 - t) * (1 - t);
                offDiagonal[i] += w * t * (1 - t);
                diagonal[i + 1] += w * t * t;
                right[i] += w * values[j] * (1 - t);
                right[i + 1] += w * values[j] * t;
            }
        }
        return -Explained(diagonal, offDiagonal, right);
    }

    /// <summary>b' A^-1 b for the symmetric tridiagonal A (the Thomas algorithm: each level touches only its neighbours).</summary>
    private static double Explained(ReadOnlySpan<double> diagonal, ReadOnlySpan<double> offDiagonal, ReadOnlySpan<double> right)
    {
        var n = diagonal.Length;
        Span<double> d = stackalloc double[n];
        Span<double> b = stackalloc double[n];
        diagonal.CopyTo(d);
        right.CopyTo(b);
        for (var i = 1; i < n; i++)
        {
            var factor = offDiagonal[i - 1] / d[i - 1];
            d[i] -= factor * offDiagonal[i - 1];
            b[i] -= factor * b[i - 1];
        }
        Span<double> solution = stackalloc double[n];
        solution[n - 1] = b[n - 1] / d[n - 1];
        for (var i = n - 2; i >= 0; i--)
            solution[i] = (b[i] - offDiagonal[i] * solution[i + 1]) / d[i];
        var explained = 0.0;
        for (var i = 0; i < n; i++)
            explained += right[i] * solution[i];
        return explained;
    }
}
