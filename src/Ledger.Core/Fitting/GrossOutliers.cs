namespace Ledger.Core.Fitting;

/// <summary>
/// Finds the few points that no curve of this recipe could have produced, such as an evaluation that crashed and logged
/// 0 at the last checkpoint: more than <see cref="RobustSds"/> robust standard deviations (1.4826 times the median absolute
/// deviation of the residuals) from a first fit, and more than <see cref="ShareOfRise"/> of the metric's rise. At most
/// one point in <see cref="MaximumShare"/> may be set aside, and only when there are that few: a run that really
/// collapsed leaves many such points, and those are the curve, not outliers. One point at the end of a run pulls the
/// ceiling most of all, which is why a single crash must not decide A (nor hide it).
/// </summary>
internal static class GrossOutliers
{
    public const double RobustSds = 8;
    public const double ShareOfRise = 0.1;
    public const int MaximumShare = 100;

    public sealed record Outlier(int Index, SetAsidePoint Point);

    /// <param name="robustRise">The metric's rise, <see cref="Identifiability.RobustRise"/> of the data's rewards.</param>
    public static IReadOnlyList<Outlier> Find(in ReducedProblem problem, in SolverResult fit, FitData data, double robustRise)
    {
        var residuals = new double[data.Count];
        var curve = new CurveAtPoints(problem, fit, data);
        for (var i = 0; i < data.Count; i++)
            residuals[i] = data.Reward[i] - curve.Value(i);
        var median = Median((double[])residuals.Clone());
        var scale = 1.4826 * Median(residuals.Select(r => Math.Abs(r - median)).ToArray());
        var floor = ShareOfRise * robustRise;
        if (!(scale > 0) || !(floor > 0))
            return [];
        var outliers = Enumerable.Range(0, data.Count)
            .Where(i => Math.Abs(residuals[i] - median) > RobustSds * scale && Math.Abs(residuals[i]) > floor)
            .Select(i => new Outlier(i, new SetAsidePoint(data.RunNames[data.RunIndex[i]], data.Compute[i], data.Reward[i], Math.Abs(residuals[i] - median) / scale)))
            .ToList();
        return outliers.Count <= Math.Max(1, data.Count / MaximumShare) ? outliers : [];
    }

    /// <summary>The median, by selection rather than a sort of a long run's million residuals; reorders <paramref name="values"/>.</summary>
    private static double Median(double[] values)
    {
        var middle = values.Length / 2;
        var upper = OrderStatistic.Select(values, middle);
        return values.Length % 2 == 1 ? upper : (OrderStatistic.Select(values, middle - 1) + upper) / 2;
    }
}
