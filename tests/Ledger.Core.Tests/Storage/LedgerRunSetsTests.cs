using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;
using Ledger.Core.Tests.Support;
using LiteDB;

namespace Ledger.Core.Tests.Storage;

/// <summary>
/// The run sets a ledger file keeps beside each snapshot's runs (schema version 3): a file written before them, such as
/// the example ledger as it was then (<see cref="TestData.ExampleLedgerOfSchema1"/>), reads the same run sets computed
/// from its runs and gains them as its snapshots grow; run sets that disagree with the runs beside them are damage
/// `ledger verify` lists.
/// </summary>
public sealed class LedgerRunSetsTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private string DbPath => _folder.File("ledger.db");

    public void Dispose() => _folder.Dispose();

    /// <summary>Each snapshot of the branch with the run sets computed here from its runs, as comparable tuples.</summary>
    private static List<(long, string, DateTimeOffset, string)> Computed(ILedgerStore store, string branch) =>
        store.GetSnapshots(branch).Select(s => (s.Id, s.Commit, s.Time, Text(s.Recipes.ToDictionary(r => r.Key, r => RunSet.Of(r.Value))))).ToList();

    private static List<(long, string, DateTimeOffset, string)> Read(ILedgerStore store, string branch) =>
        store.GetSnapshotRunSets(branch).Select(s => (s.Id, s.Commit, s.Time, Text(s.Recipes))).ToList();

    private static string Text(IEnumerable<KeyValuePair<string, RunSet>> runSets) => string.Join(";", runSets.Select(r => $"{r.Key}={r.Value}"));

    [Fact]
    public void The_example_ledger_written_before_run_sets_reads_them_from_its_runs_and_a_snapshot_that_grows_keeps_them()
    {
        File.Copy(TestData.ExampleLedgerOfSchema1, DbPath);
        Assert.Contains("""{"_id":"schema","version":1}""", LedgerDump.Of(DbPath));
        Assert.DoesNotContain("runSets", LedgerDump.Of(DbPath));
        var before = File.ReadAllBytes(DbPath);
        string[] branches;
        using (var reader = LiteDbLedgerStore.OpenReadOnly(DbPath))
        {
            branches = reader.GetSnapshots().Select(s => s.Branch).Distinct().ToArray();
            Assert.True(branches.Length >= 2);
            foreach (var branch in branches)
                Assert.Equal(Computed(reader, branch), Read(reader, branch));
        }
        Assert.Equal(before, File.ReadAllBytes(DbPath));

        using var store = LiteDbLedgerStore.Open(DbPath);
        var grown = store.GetSnapshots("main")[^1];
        store.Append(new SnapshotDraft(grown.Commit, "main", grown.Time, []), [SampleRuns.Run(grown.Recipes.Keys.First(), seed: 99)]);

        var dump = LedgerDump.Of(DbPath);
        Assert.Contains("""{"_id":"schema","version":3}""", dump);
        var document = dump.Split('\n').Single(line => line.Contains("\"runSets\""));
        Assert.StartsWith($$"""{"_id":{"$numberLong":"{{grown.Id}}"},""", document);
        // Before the runs, so that a read of the run sets stops short of them.
        Assert.True(document.IndexOf("\"runSets\"", StringComparison.Ordinal) < document.IndexOf("\"recipes\"", StringComparison.Ordinal));
        foreach (var branch in branches)
            Assert.Equal(Computed(store, branch), Read(store, branch));
        Assert.Empty(store.FindDamage());
    }

    [Fact]
    public void Run_sets_changed_on_disk_to_disagree_with_the_runs_beside_them_are_damage_verify_lists()
    {
        using (var store = LiteDbLedgerStore.Open(DbPath))
        {
            store.Append(SampleRuns.Draft("c1"), [SampleRuns.Run("a", 1), SampleRuns.Run("b", 1)]);
            store.Append(SampleRuns.Draft("c2"), [SampleRuns.Run("a", 2), SampleRuns.Run("b", 1)]);
        }
        using (var db = new LiteDatabase(new ConnectionString { Filename = DbPath, Connection = ConnectionType.Shared }))
        {
            // The second snapshot's runs, with the first one's run sets: a stale copy, as an older writer would have left it.
            var snapshots = db.GetCollection("snapshots");
            var (first, second) = (snapshots.FindById(1L), snapshots.FindById(2L));
            second["runSets"] = first["runSets"];
            snapshots.Update(second);
        }

        using var reader = LiteDbLedgerStore.OpenReadOnly(DbPath);
        var damage = Assert.Single(reader.FindDamage());

        Assert.Equal("snapshots 2", damage.Record);
        Assert.Contains("run sets are not those of its runs", damage.Problem);
    }
}
