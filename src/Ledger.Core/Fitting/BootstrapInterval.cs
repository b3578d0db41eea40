using MathNet.Numerics.Distributions;

namespace Ledger.Core.Fitting;

/// <summary>
/// The bootstrap interval: the percentiles of the draws, with each side's distance from the estimate widened by
/// t(df) / z. A plain percentile interval is a large-sample interval; with 20 points and 4 parameters it covered
/// the true A only 89 % of the time where it claimed 95 % (measured in IntervalCoverageTests), for the same reason
/// the Wald interval uses t and not z. The widening keeps the percentiles' asymmetry. Draws may carry probabilities
/// (the exact distribution over every distinct resample of a few runs); equally likely draws have none.
/// </summary>
internal static class BootstrapInterval
{
    private const int MinimumDraws = 20;
    private const int MinimumExhaustiveDraws = 10;

    /// <summary>The draws' standard deviation; with k resampled runs, times sqrt(k / (k - 1)) for the spread resampling loses.</summary>
    public static double StandardError(double[] draws, double[]? weights, int resampledRuns)
    {
        if (!Enough(draws, weights))
        {
            return double.NaN;
        }
        var (mean, total) = (0.0, 0.0);
        for (var i = 0; i < draws.Length; i++)
        {
            var w = weights?[i] ?? 1.0;
            mean += w * draws[i];
            total += w;
        }
        mean /= total;
        var squares = 0.0;
        for (var i = 0; i < draws.Length; i++)
        {
            squares += (weights?[i] ?? 1.0) * (draws[i] - mean) * (draws[i] - mean);
        }
        // Equally likely draws are a sample (n - 1); an exact distribution is the population itself.
        var sd = Math.Sqrt(squares / (weights is null ? total - 1 : total));
        return resampledRuns > 1 ? sd * Math.Sqrt(resampledRuns / (resampledRuns - 1.0)) : sd;
    }

    public static Interval From(double[]? draws, double[]? weights, double estimate, double level, int degreesOfFreedom)
    {
        if (draws is null || !Enough(draws, weights) || degreesOfFreedom < 1)
        {
            return Interval.None;
        }
        var tail = (1 - level) / 2;
        var widening = Quantiles.StudentT(degreesOfFreedom, 1 - tail) / Normal.InvCDF(0, 1, 1 - tail);
        var (values, probabilities) = Ascending(draws, weights);
        // Summed in the draws' own order, as it always was: a sum in another order may differ in its last bit.
        var total = weights?.Sum() ?? draws.Length;
        var lower = Quantile(values, probabilities, total, tail);
        var upper = Quantile(values, probabilities, total, 1 - tail);
        return new Interval(
            estimate - Math.Max(0, estimate - lower) * widening,
            estimate + Math.Max(0, upper - estimate) * widening);
    }

    private static bool Enough(double[] draws, double[]? weights) =>
        draws.Length >= (weights is null ? MinimumDraws : MinimumExhaustiveDraws);

    /// <summary>
    /// The draws in ascending order with their weights beside them. Equally likely draws are sorted as values: a tie
    /// between equal values cannot change a quantile, so the unstable sort gives the stable order's quantiles at a
    /// fraction of its cost (a fit sorts three sets of 1,000 draws).
    /// </summary>
    private static (double[] Values, double[]? Weights) Ascending(double[] draws, double[]? weights)
    {
        if (weights is null)
        {
            var sorted = (double[])draws.Clone();
            Array.Sort(sorted);
            return (sorted, null);
        }
        var order = StableOrder.Of(draws);
        return (order.Select(i => draws[i]).ToArray(), order.Select(i => weights[i]).ToArray());
    }

    /// <summary>The inverse of the ascending draws' (weighted) distribution function at <paramref name="p"/>, interpolated between neighbouring draws.</summary>
    private static double Quantile(double[] ascending, double[]? weights, double total, double p)
    {
        // Each draw sits at the middle of its own share of the cumulative weight (Hazen's plotting position), the
        // weighted form of the usual (i - 0.5) / n.
        var cumulative = 0.0;
        var previousPosition = double.NaN;
        var previousValue = double.NaN;
        for (var i = 0; i < ascending.Length; i++)
        {
            var w = weights?[i] ?? 1.0;
            var position = (cumulative + w / 2) / total;
            cumulative += w;
            if (position >= p)
            {
                return double.IsNaN(previousPosition)
                    ? ascending[i]
                    : previousValue + (ascending[i] - previousValue) * (p - previousPosition) / (position - previousPosition);
            }
            previousPosition = position;
            previousValue = ascending[i];
        }
        return previousValue;
    }
}
