using Ledger.Core.Fitting;

namespace Ledger.Core.Tests.Fitting;

/// <summary>
/// The fit reads medians and quantiles of a long run's million residuals and rewards by selection instead of a sort:
/// the values must be the very ones a sort gives, bit for bit, whatever the order, ties, signed zeros or NaNs.
/// </summary>
public sealed class OrderStatisticTests
{
    public static TheoryData<string> Shapes => ["random", "sorted", "reversed", "ties", "organ pipe", "nans and zeros"];

    private static double[] Values(string shape, int count, Random random) => shape switch
    {
        "random" => Enumerable.Range(0, count).Select(_ => random.NextDouble() - 0.5).ToArray(),
        "sorted" => Enumerable.Range(0, count).Select(i => (double)i).ToArray(),
        "reversed" => Enumerable.Range(0, count).Select(i => (double)-i).ToArray(),
        "ties" => Enumerable.Range(0, count).Select(_ => (double)random.Next(3)).ToArray(),
        "organ pipe" => Enumerable.Range(0, count).Select(i => (double)Math.Min(i, count - i)).ToArray(),
        _ => Enumerable.Range(0, count).Select(_ => random.Next(4) switch { 0 => double.NaN, 1 => -0.0, 2 => 0.0, _ => random.NextDouble() }).ToArray(),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_order_statistic_is_the_value_a_sort_puts_there(string shape)
    {
        var random = new Random(shape.Length);
        foreach (var count in new[] { 1, 2, 3, 7, 16, 17, 100, 1_001, 20_000 })
        {
            var values = Values(shape, count, random);
            var sorted = (double[])values.Clone();
            Array.Sort(sorted);
            foreach (var k in new[] { 0, count / 3, count / 2, count - 1 }.Distinct())
            {
                var selected = OrderStatistic.Select((double[])values.Clone(), k);
                // A sort may leave -0.0 and 0.0 in either order (they compare equal), so they compare as values; all else to the bit.
                Assert.True(selected.Equals(sorted[k]), $"{shape}, {count} values, k = {k}: {selected} against {sorted[k]}");
            }
        }
    }

    /// <summary>Rewards are finite (ingest refuses any other), so NaNs do not come into it; signed zeros do.</summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_robust_rise_by_selection_is_the_rise_of_the_sorted_rewards_to_the_bit(string shape)
    {
        var random = new Random(shape.Length + 1);
        foreach (var count in new[] { 1, 2, 5, 19, 20, 21, 1_000, 99_999 })
        {
            var rewards = Values(shape, count, random).Select(r => double.IsNaN(r) ? -0.0 : r).ToArray();
            var sorted = (double[])rewards.Clone();
            Array.Sort(sorted);
            var expected = MathNet.Numerics.Statistics.SortedArrayStatistics.Quantile(sorted, 1 - Identifiability.RiseQuantile)
                           - MathNet.Numerics.Statistics.SortedArrayStatistics.Quantile(sorted, Identifiability.RiseQuantile);

            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(Identifiability.RobustRise(rewards)));
        }
    }
}
