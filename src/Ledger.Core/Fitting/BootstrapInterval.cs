using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Ledger.Core.Fitting;

/// <summary>
/// The bootstrap interval: the percentiles of the draws, with each side's distance from the estimate widened by
/// t(df) / z. A plain percentile interval is a large-sample interval; with 20 points and 4 parameters it covered
/// the true A only 89 % of the time where it claimed 95 % (measured in IntervalCoverageTests), for the same reason
/// the Wald interval uses t and not z. The widening keeps the percentiles' asymmetry.
/// </summary>
internal static class BootstrapInterval
{
    private const int MinimumDraws = 20;

    /// <summary>The draws' standard deviation; with k resampled runs, times sqrt(k / (k - 1)) for the spread resampling loses.</summary>
    public static double StandardError(double[] draws, int resampledRuns)
    {
        if (draws.Length < MinimumDraws)
        {
            return double.NaN;
        }
        var sd = draws.StandardDeviation();
        return resampledRuns > 1 ? sd * Math.Sqrt(resampledRuns / (resampledRuns - 1.0)) : sd;
    }

    public static Interval From(double[]? draws, double estimate, double level, int degreesOfFreedom)
    {
        if (draws is null || draws.Length < MinimumDraws || degreesOfFreedom < 1)
        {
            return Interval.None;
        }
        var sorted = (double[])draws.Clone();
        Array.Sort(sorted);
        var tail = (1 - level) / 2;
        var widening = StudentT.InvCDF(0, 1, degreesOfFreedom, 1 - tail) / Normal.InvCDF(0, 1, 1 - tail);
        var lower = SortedArrayStatistics.Quantile(sorted, tail);
        var upper = SortedArrayStatistics.Quantile(sorted, 1 - tail);
        return new Interval(
            estimate - Math.Max(0, estimate - lower) * widening,
            estimate + Math.Max(0, upper - estimate) * widening);
    }
}
