using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Core.Tests.Storage;

/// <summary>Shared mode: several stores on one file see each other's writes at once.</summary>
public sealed class SharedAccessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Two_stores_on_one_file_see_each_others_writes()
    {
        using var first = LiteDbLedgerStore.Open(_folder.File("ledger.db"));
        using var second = LiteDbLedgerStore.Open(_folder.File("ledger.db"));

        var id = first.Append(SampleRuns.Draft(), [SampleRuns.Run("a")]).Snapshot.Id;
        var secondView = second.GetSnapshots().SingleOrDefault(s => s.Id == id);
        second.RecordFits(id, [SampleRuns.Fit("a")]);
        var appendedBySecond = second.Append(SampleRuns.Draft(), [SampleRuns.Run("a"), SampleRuns.Run("b")]);

        Assert.Equal(["a"], secondView?.Recipes.Keys);
        Assert.Equal((1, 1), (appendedBySecond.NewRuns, appendedBySecond.ExistingRuns));
        Assert.Equal("a", Assert.Single(first.GetFits(id)).Recipe);
        Assert.Equal(["a", "b"], Assert.Single(first.GetSnapshots()).Recipes.Keys);
    }

    [Fact]
    public async Task Stores_on_several_threads_all_keep_their_writes()
    {
        const int writers = 4, appendsEach = 10;
        var path = _folder.File("ledger.db");
        LiteDbLedgerStore.Open(path).Dispose();

        var writing = Enumerable.Range(0, writers).Select(writer => Task.Factory.StartNew(() =>
        {
            using var store = LiteDbLedgerStore.Open(path);
            for (var i = 0; i < appendsEach; i++)
                store.Append(SampleRuns.Draft($"w{writer}-c{i}"), [SampleRuns.Run($"w{writer}", i)]);
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(writing);

        using var reader = LiteDbLedgerStore.Open(path);
        var snapshots = reader.GetSnapshots();
        Assert.Equal(writers * appendsEach, snapshots.Count);
        Assert.Equal(writers * appendsEach, reader.GetRuns(snapshots.SelectMany(s => s.Recipes.Values.SelectMany(d => d)).ToList()).Count);
    }
}
