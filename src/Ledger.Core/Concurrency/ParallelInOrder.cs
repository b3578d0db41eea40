using System.Runtime.ExceptionServices;

namespace Ledger.Core.Concurrency;

/// <summary>
/// Maps a list in parallel into a list in the same order, and fails as the sequential loop would: with the exception of
/// the first item (in the list's order) that threw, unwrapped, rather than with an AggregateException of whichever threw.
/// </summary>
public static class ParallelInOrder
{
    public static TResult[] Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> map)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(map);
        var results = new TResult[items.Count];
        var failures = new Exception?[items.Count];
        Parallel.For(0, items.Count, i =>
        {
            try
            {
                results[i] = map(items[i]);
            }
            catch (Exception e)
            {
                failures[i] = e;
            }
        });
        if (failures.FirstOrDefault(e => e is not null) is { } first)
            ExceptionDispatchInfo.Throw(first);
        return results;
    }
}
