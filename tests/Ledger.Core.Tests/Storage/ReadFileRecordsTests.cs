using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Core.Tests.Storage;

/// <summary>The ledger's records of files already read: written with the runs and read back exactly.</summary>
public sealed class ReadFileRecordsTests
{
    private static readonly SnapshotDraft Draft = new("c1", "main", DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_file_read_now_is_recorded_with_its_runs_and_warnings_and_found_by_its_key_alone()
    {
        using var folder = new TempFolder();
        using var store = LiteDbLedgerStore.Open(folder.File("ledger.db"));
        var run = SampleRuns.Run("grpo-é", 1) with { Warnings = ["looks down-sampled", "ünïcode"] };

        store.AppendFiles(Draft, [AppendSource.Read("key-1", [run]), AppendSource.Read(null, [SampleRuns.Run("ppo", 2)])]);
        var found = store.FindReadFiles(["key-1", "key-2"]);

        var record = Assert.Single(found).Value;
        Assert.Equal("key-1", record.Key);
        var recorded = Assert.Single(record.Runs);
        Assert.Equal(("grpo-é", RunDigest.Compute(run)), (recorded.Recipe, recorded.Digest));
        Assert.Equal(run.Warnings, recorded.Warnings);
    }

    [Fact]
    public void A_reused_record_puts_its_runs_in_the_snapshot_counted_as_already_stored()
    {
        using var folder = new TempFolder();
        using var store = LiteDbLedgerStore.Open(folder.File("ledger.db"));
        store.AppendFiles(Draft, [AppendSource.Read("key-1", [SampleRuns.Run("grpo", 1)])]);
        var record = store.FindReadFiles(["key-1"])["key-1"];

        var result = store.AppendFiles(Draft with { Commit = "c2" }, [AppendSource.Reused(record)]);

        Assert.Equal((0, 1), (result.NewRuns, result.ExistingRuns));
        Assert.Equal([record.Runs[0].Digest], result.Snapshot.Recipes["grpo"]);
    }
}
