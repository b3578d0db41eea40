using Ledger.Core.Fitting;

namespace Ledger.Core.Tests.Fitting;

/// <summary>The merge sort of <see cref="StableOrder"/> against LINQ's stable sort, on every shape of data a fit meets.</summary>
public sealed class StableOrderTests
{
    public static TheoryData<string> Shapes => ["empty", "one", "ascending", "seeds", "descending", "random", "ties", "special"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_order_is_LINQs_stable_order(string shape)
    {
        foreach (var length in new[] { 0, 1, 2, 3, 7, 100, 1_001, 10_000 })
        {
            var values = Values(shape, length, new Random(length));

            var expected = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ThenBy(i => i).ToArray();

            Assert.Equal(expected, StableOrder.Of(values));
        }
    }

    private static double[] Values(string shape, int length, Random random) => shape switch
    {
        "empty" => [],
        "one" => length > 0 ? [random.NextDouble()] : [],
        "ascending" => [.. Enumerable.Range(0, length).Select(i => i * 0.5)],
        // Ten seeds sharing their computes, one ascending run after another, as a recipe's points are fitted.
        "seeds" => [.. Enumerable.Range(0, length).Select(i => (double)(i % Math.Max(1, length / 10)))],
        "descending" => [.. Enumerable.Range(0, length).Select(i => -i * 0.5)],
        "random" => [.. Enumerable.Range(0, length).Select(_ => random.NextDouble())],
        "ties" => [.. Enumerable.Range(0, length).Select(_ => (double)random.Next(5))],
        _ => [.. Enumerable.Range(0, length).Select(_ => random.Next(6) switch { 0 => double.NaN, 1 => 0.0, 2 => -0.0, 3 => double.NegativeInfinity, 4 => double.PositiveInfinity, _ => random.NextDouble() })],
    };
}
