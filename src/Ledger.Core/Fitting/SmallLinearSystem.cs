namespace Ledger.Core.Fitting;

/// <summary>Gaussian elimination with partial pivoting for the 4x4-and-smaller systems of the fit engine, in place and allocation-free.</summary>
internal static class SmallLinearSystem
{
    /// <summary>Solves A x = b, leaving x in <paramref name="b"/>; false when A is singular at machine precision.</summary>
    public static bool TrySolve(double[,] a, double[] b)
    {
        var n = b.Length;
        var scale = 0.0;
        for (var i = 0; i < n; i++)
        {
            scale = Math.Max(scale, Math.Abs(a[i, i]));
        }
        for (var column = 0; column < n; column++)
        {
            var pivot = column;
            for (var row = column + 1; row < n; row++)
            {
                if (Math.Abs(a[row, column]) > Math.Abs(a[pivot, column]))
                {
                    pivot = row;
                }
            }
            if (!(Math.Abs(a[pivot, column]) > 1e-14 * scale))
            {
                return false;
            }
            if (pivot != column)
            {
                for (var k = 0; k < n; k++)
                {
                    (a[column, k], a[pivot, k]) = (a[pivot, k], a[column, k]);
                }
                (b[column], b[pivot]) = (b[pivot], b[column]);
            }
            for (var row = column + 1; row < n; row++)
            {
                var factor = a[row, column] / a[column, column];
                for (var k = column; k < n; k++)
                {
                    a[row, k] -= factor * a[column, k];
                }
                b[row] -= factor * b[column];
            }
        }
        for (var row = n - 1; row >= 0; row--)
        {
            var sum = b[row];
            for (var k = row + 1; k < n; k++)
            {
                sum -= a[row, k] * b[k];
            }
            b[row] = sum / a[row, row];
        }
        return true;
    }
}
