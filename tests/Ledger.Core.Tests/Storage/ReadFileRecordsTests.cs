using Ledger.Core.Diagnostics;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
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

    [Fact]
    public void An_append_reads_only_the_records_of_its_keys_scopes_so_what_other_builds_left_is_never_read()
    {
        using var folder = new TempFolder();
        var path = folder.File("ledger.db");
        using (var store = LiteDbLedgerStore.Open(path))
        {
            store.AppendFiles(Draft, [AppendSource.Read("first-1", [SampleRuns.Run("grpo", 4)])]);
            store.AppendFiles(Draft, [AppendSource.Read("old-1", [SampleRuns.Run("grpo", 1)])]);
            store.AppendFiles(Draft, [AppendSource.Read("new-1", [SampleRuns.Run("grpo", 2)]), AppendSource.Read("new-2", [SampleRuns.Run("ppo", 3)])]);
        }
        // Another scope's document is damaged (not the first or last, which opening the file checks): a read of it would
        // fail, so a lookup that succeeds did not read it.
        using (var db = new LiteDB.LiteDatabase(new LiteDB.ConnectionString { Filename = path, Connection = LiteDB.ConnectionType.Shared }))
        {
            var readFiles = db.GetCollection("readFiles");
            var old = readFiles.FindOne(LiteDB.Query.EQ("scope", "old"));
            old["count"] = 99;
            readFiles.Update(old);
            Assert.Equal(["first", "old", "new"], readFiles.FindAll().Select(doc => doc["scope"].AsString));
        }

        using var reopened = LiteDbLedgerStore.Open(path);

        Assert.Equal(["new-1", "new-2"], reopened.FindReadFiles(["new-1", "new-2", "new-3"]).Keys.Order());
        Assert.Contains(reopened.FindDamage(), damage => damage.Record.StartsWith("readFiles ", StringComparison.Ordinal));
        // A key without a scope is looked for everywhere, and so meets the damage.
        Assert.Equal(ErrorCodes.LedgerDamaged,
            Assert.Throws<LedgerUnavailableException>(() => reopened.FindReadFiles(["unscoped"])).Code);
    }

    [Fact]
    public void Records_of_several_scopes_written_at_once_go_to_one_document_per_scope_in_their_order()
    {
        ReadFileRecord Record(string key) => new(key, []);

        var documents = LedgerDocuments.FromReadFiles([Record("a-1"), Record("a-2"), Record("b-1"), Record("plain"), Record("a-3")]).ToList();

        Assert.Equal([2, 1, 1, 1], documents.Select(doc => doc["count"].AsInt32));
        Assert.Equal(["a", "b", null, "a"], documents.Select(doc => doc.TryGetValue("scope", out var scope) ? scope.AsString : null));
        Assert.Equal(LedgerDocuments.ReadFilesPerDocument, LedgerDocuments.FromReadFiles(Enumerable.Range(0, 2_001).Select(i => Record($"a-{i}"))).First()["count"].AsInt32);
    }

    [Fact]
    public void A_read_file_key_begins_with_the_scope_of_its_reader_build_and_read_options()
    {
        using var folder = new TempFolder();
        var file = folder.File("seed1.csv");
        var other = folder.File("seed2.csv");
        File.WriteAllText(file, "compute,reward\n1,0.1\n");
        File.WriteAllText(other, "compute,reward\n1,0.2\n");

        var plain = new ReadFileKeys(new ReadOptions()).For(file)!;
        var otherColumn = new ReadFileKeys(new ReadOptions { RewardColumn = "eval/reward" }).For(file)!;

        Assert.Matches("^[0-9a-f]{16}-[0-9a-f]{64}$", plain);
        Assert.NotEqual(ReadFileRecord.ScopeOf(plain), ReadFileRecord.ScopeOf(otherColumn));
        Assert.Equal(ReadFileRecord.ScopeOf(plain), ReadFileRecord.ScopeOf(new ReadFileKeys(new ReadOptions()).For(other)!));
        Assert.NotEqual(plain, new ReadFileKeys(new ReadOptions()).For(other));
    }
}
