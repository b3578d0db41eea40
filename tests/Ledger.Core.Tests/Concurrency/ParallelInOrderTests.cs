using Ledger.Core.Concurrency;

namespace Ledger.Core.Tests.Concurrency;

public sealed class ParallelInOrderTests
{
    [Fact]
    public void Results_come_in_the_items_order()
    {
        var items = Enumerable.Range(0, 10_000).ToList();

        Assert.Equal(items.Select(i => i * 3L), ParallelInOrder.Map(items, i => i * 3L));
    }

    [Fact]
    public void The_exception_of_the_first_failing_item_in_order_is_thrown_unwrapped_whichever_thread_met_one_first()
    {
        var items = Enumerable.Range(0, 2_000).ToList();
        // Later items fail at once, the first failing one only after a pause: a loop that kept the first exception met would throw theirs.
        var error = Assert.Throws<IOException>(() => ParallelInOrder.Map(items, i =>
        {
            if (i == 200)
            {
                Thread.Sleep(50);
                throw new IOException("item 200");
            }
            return i > 1_000 ? throw new InvalidDataException($"item {i}") : i;
        }));

        Assert.Equal("item 200", error.Message);
    }
}
