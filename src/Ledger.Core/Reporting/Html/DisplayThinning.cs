namespace Ledger.Core.Reporting.Html;

/// <summary>
/// Which of a long run's points a plot draws: in each column <see cref="ColumnWidth"/> units wide, the highest and
/// the lowest point, plus the run's first and last. A run logged at every step (thousands of points) would
/// otherwise put hundreds of kilobytes of overlapping markers into each plot of every snapshot page; a marker is
/// 7.6 units wide, so points closer than that overlap anyway, and keeping each column's extremes keeps every spike
/// and the spread of the noise. A run with at most two points per column is drawn whole. For display only: the fit
/// and the point counts the page shows use every point.
/// </summary>
public static class DisplayThinning
{
    public const double ColumnWidth = 2;

    /// <summary>The most points a run can keep: two per column of the drawing area (its right edge starts one more), and the first and last.</summary>
    public static int MaxPoints => 2 * ((int)Math.Floor((PlotFrame.Right - PlotFrame.Left) / ColumnWidth) + 1) + 2;

    /// <param name="points">One run's points in SVG units, in the run's order.</param>
    /// <returns>The points kept, in the run's order: the same list when nothing is dropped.</returns>
    public static IReadOnlyList<PlotPoint> Thin(IReadOnlyList<PlotPoint> points)
    {
        if (AtMostTwoPerColumnInOrder(points))
            return points;
        var columns = new Dictionary<long, (int Highest, int Lowest, int Count)>();
        for (var i = 0; i < points.Count; i++)
        {
            var column = ColumnOf(points[i]);
            // SVG y grows downwards: the highest point has the smallest y. Ties keep the earlier point.
            columns[column] = columns.TryGetValue(column, out var c)
                ? (points[i].Y < points[c.Highest].Y ? i : c.Highest, points[i].Y > points[c.Lowest].Y ? i : c.Lowest, c.Count + 1)
                : (i, i, 1);
        }
        if (columns.Values.All(c => c.Count <= 2))
            return points;
        var kept = new SortedSet<int> { 0, points.Count - 1 };
        foreach (var (highest, lowest, _) in columns.Values)
        {
            kept.Add(highest);
            kept.Add(lowest);
        }
        return kept.Select(i => points[i]).ToList();
    }

    private static long ColumnOf(PlotPoint point) => (long)Math.Floor((point.X - PlotFrame.Left) / ColumnWidth);

    /// <summary>
    /// Whether the points lie in columns left to right with at most two in any: then each column's points are counted
    /// as they come, and a run sparser than the plot's columns (most runs, in every section of every snapshot page) is
    /// drawn whole without a table of its columns. False tells nothing: the columns are then counted in full.
    /// </summary>
    private static bool AtMostTwoPerColumnInOrder(IReadOnlyList<PlotPoint> points)
    {
        var (previous, inColumn) = (long.MinValue, 0);
        for (var i = 0; i < points.Count; i++)
        {
            var column = ColumnOf(points[i]);
            if (column < previous)
                return false;
            inColumn = column == previous ? inColumn + 1 : 1;
            if (inColumn > 2)
                return false;
            previous = column;
        }
        return true;
    }
}
