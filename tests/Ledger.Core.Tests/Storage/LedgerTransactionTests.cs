using System.Collections;
using Ledger.Core.Ingest;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Core.Tests.Storage;

/// <summary>One transaction per call: a call that fails midway leaves the file exactly as it was.</summary>
public sealed class LedgerTransactionTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private string DbPath => _folder.File("ledger.db");

    public void Dispose() => _folder.Dispose();

    /// <summary>Points that fail when read, as a reader failing halfway through a batch would.</summary>
    private sealed class FailingPoints : IReadOnlyList<CurvePoint>
    {
        public int Count => throw new InvalidOperationException("the log vanished halfway");
        public CurvePoint this[int index] => throw new InvalidOperationException("the log vanished halfway");
        public IEnumerator<CurvePoint> GetEnumerator() => throw new InvalidOperationException("the log vanished halfway");
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    [Theory]
    [InlineData("c0ffee1")]
    [InlineData("a-new-commit")]
    public void An_append_that_throws_after_writing_some_runs_writes_nothing(string commit)
    {
        using var store = LiteDbLedgerStore.Open(DbPath);
        store.Append(SampleRuns.Draft(), [SampleRuns.Run("a", 1)]);
        store.RecordFits(1, [SampleRuns.Fit("a")]);
        var before = LedgerDump.Of(DbPath);
        var failing = SampleRuns.Run("c", 1) with { Points = new FailingPoints() };

        var error = Assert.Throws<InvalidOperationException>(() =>
            store.Append(SampleRuns.Draft(commit), [SampleRuns.Run("a", 2), SampleRuns.Run("b", 1), failing, SampleRuns.Run("d", 1)]));

        Assert.Equal("the log vanished halfway", error.Message);
        Assert.Equal(before, LedgerDump.Of(DbPath));
        var next = store.Append(SampleRuns.Draft(commit), [SampleRuns.Run("a", 2)]);
        Assert.Equal((1, 0), (next.NewRuns, next.ExistingRuns));
    }

    [Fact]
    public async Task A_failed_append_leaves_no_lock_behind_for_other_threads()
    {
        using (var store = LiteDbLedgerStore.Open(DbPath))
        {
            var failing = SampleRuns.Run("c", 1) with { Points = new FailingPoints() };
            Assert.Throws<InvalidOperationException>(() => store.Append(SampleRuns.Draft(), [SampleRuns.Run("a", 1), failing]));
        }

        // Another thread stands in for another process; a lock left held would make it wait forever.
        var elsewhere = Task.Factory.StartNew(() =>
        {
            using var other = LiteDbLedgerStore.Open(DbPath, TimeSpan.FromSeconds(5));
            return other.Append(SampleRuns.Draft(), [SampleRuns.Run("a", 1)]).NewRuns;
        }, TaskCreationOptions.LongRunning);

        Assert.Equal(1, await elsewhere.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void Recording_verdicts_that_name_a_missing_snapshot_writes_none_of_them()
    {
        using var store = LiteDbLedgerStore.Open(DbPath);
        var id = store.Append(SampleRuns.Draft(), [SampleRuns.Run()]).Snapshot.Id;
        var before = LedgerDump.Of(DbPath);

        Assert.Throws<ArgumentException>(() => store.RecordVerdicts(
        [
            new(id, "grpo-b512", "pass", null, null, null, null, false, null),
            new(id + 1, "grpo-b512", "pass", null, null, null, null, false, null),
        ]));

        Assert.Equal(before, LedgerDump.Of(DbPath));
    }

    [Fact]
    public void The_dump_is_deterministic_and_sees_every_collection()
    {
        using (var store = LiteDbLedgerStore.Open(DbPath))
        {
            var id = store.Append(SampleRuns.Draft(), [SampleRuns.Run("a"), SampleRuns.Run("b")]).Snapshot.Id;
            store.RecordFits(id, [SampleRuns.Fit("a")]);
            store.RecordVerdicts([new(id, "a", "new", null, null, null, null, false, null)]);
        }

        var dump = LedgerDump.Of(DbPath);

        Assert.Equal(dump, LedgerDump.Of(DbPath));
        Assert.Contains("# meta 1\n", dump);
        Assert.Contains("# runs 2\n", dump);
        Assert.Contains("# snapshots 1\n", dump);
        Assert.Contains("# fits 1\n", dump);
        Assert.Contains("# verdicts 1\n", dump);
        Assert.Contains("0.8012345678901234", dump);
    }
}
