using Ledger.Core.Fitting;

namespace Ledger.Core.Tests.Fitting;

/// <summary>
/// Points grouped by compute add up each group's metric in the order a stable sort by compute leaves them: sums of
/// doubles depend on their order, so any other order would change a fit's bits.
/// </summary>
public sealed class ComputeGroupsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Groups_sum_their_points_in_stable_compute_order_to_the_bit(int seed)
    {
        // Ten seeds of one recipe in a row (each ascending, so the whole is not), sharing their computes, with values
        // of very different sizes so that the order of each sum shows in its bits; zeros of both signs, and NaN.
        var random = new Random(seed);
        var computes = Enumerable.Range(0, 50).Select(i => i == 0 ? 0.0 : i == 1 ? -0.0 : i == 2 ? double.NaN : Math.Round(random.NextDouble() * 1e4, 1)).ToArray();
        var compute = Enumerable.Range(0, 10).SelectMany(_ => computes.OrderBy(c => c)).ToArray();
        var reward = compute.Select(_ => (random.Next(3) - 1) * Math.Pow(10, random.Next(-3, 17)) + random.NextDouble()).ToArray();

        var collapsed = ComputeGroups.Of(compute).Collapse(reward, null);

        var (expected, scatter) = StableGroups(compute, reward);
        Assert.Equal(expected.Count, collapsed.Count);
        for (var g = 0; g < expected.Count; g++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[g].LogCompute), BitConverter.DoubleToInt64Bits(collapsed.LogCompute[g]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[g].Mean), BitConverter.DoubleToInt64Bits(collapsed.Y[g]));
            Assert.Equal(expected[g].Count, collapsed.Weight[g]);
        }
        Assert.Equal(BitConverter.DoubleToInt64Bits(scatter), BitConverter.DoubleToInt64Bits(collapsed.ConstantSse));
    }

    /// <summary>
    /// The groups worked out independently: LINQ's stable sort, then each group's sums in that order, and the scatter
    /// about the means summed over every point in that order.
    /// </summary>
    private static (List<(double LogCompute, double Mean, int Count)> Groups, double Scatter) StableGroups(double[] compute, double[] reward)
    {
        var order = Enumerable.Range(0, compute.Length).OrderBy(i => compute[i]).ThenBy(i => i).ToList();
        var groups = new List<(double, double, int)>();
        var scatter = 0.0;
        for (var start = 0; start < order.Count;)
        {
            var end = start + 1;
            while (end < order.Count && compute[order[end]] == compute[order[start]])
                end++;
            var members = order.GetRange(start, end - start);
            var mean = SumInOrder(members.Select(i => reward[i])) / members.Count;
            groups.Add((Math.Log(compute[order[start]]), mean, members.Count));
            foreach (var i in members)
                scatter += (reward[i] - mean) * (reward[i] - mean);
            start = end;
        }
        return (groups, scatter);
    }

    private static double SumInOrder(IEnumerable<double> values)
    {
        var sum = 0.0;
        foreach (var value in values)
            sum += value;
        return sum;
    }
}
