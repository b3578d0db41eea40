using System.Text.RegularExpressions;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Cli.Tests;

/// <summary>
/// Many CI jobs appending to one ledger file at once: 16 real `ledger append` processes started together, each
/// with 50 logs of its own and 10 logs that every process appends. Each process tags its own commit, so each
/// gets its own snapshot and the snapshots' contents can be checked exactly; or all of them tag one commit, as the
/// parallel jobs of one CI build do, and then they must all land in that commit's one snapshot without a lost update.
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed class ConcurrentAppendTests(InstalledTool tool) : IDisposable
{
    private const int Processes = 16;
    private const int OwnLogs = 50;
    private const int SharedLogs = 10;
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-concurrent-").FullName;

    [Fact]
    public void Sixteen_processes_at_once_lose_nothing_and_duplicate_nothing()
    {
        var db = WriteLogs();

        var results = AppendAllAtOnce(db, p => $"commit-{p:D2}");

        AssertRunCounts(results, "commit-\\d\\d");
        using var store = LiteDbLedgerStore.Open(db);
        var snapshots = store.GetSnapshots();
        Assert.Equal(Processes, snapshots.Count);
        Assert.Equal(Enumerable.Range(0, Processes).Select(p => $"commit-{p:D2}").Order(), snapshots.Select(s => s.Commit).Order());
        var shared = snapshots[0].Recipes["common"].Order().ToList();
        Assert.Equal(SharedLogs, shared.Count);
        foreach (var snapshot in snapshots)
        {
            var job = snapshot.Commit["commit-".Length..];
            Assert.Equal([$"recipe-{job}", "common"], snapshot.Recipes.Keys.OrderDescending());
            Assert.Equal(OwnLogs, snapshot.Recipes[$"recipe-{job}"].Distinct().Count());
            Assert.Equal(shared, snapshot.Recipes["common"].Order().ToList());
        }
        AssertLedgerHoldsExactlyTheRuns(store, db);
    }

    [Fact]
    public void Sixteen_processes_of_one_build_fill_one_snapshot_without_losing_an_update()
    {
        var db = WriteLogs();

        var results = AppendAllAtOnce(db, _ => "one-build");

        AssertRunCounts(results, "one-build");
        Assert.All(results, r => Assert.Contains("to snapshot 1 ", r.Stdout));
        using var store = LiteDbLedgerStore.Open(db);
        var snapshot = Assert.Single(store.GetSnapshots());
        Assert.Equal(Processes + 1, snapshot.Recipes.Count);
        Assert.Equal(SharedLogs, snapshot.Recipes["common"].Count);
        Assert.All(Enumerable.Range(0, Processes), p => Assert.Equal(OwnLogs, snapshot.Recipes[$"recipe-{p:D2}"].Count));
        AssertLedgerHoldsExactlyTheRuns(store, db);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string WriteLogs()
    {
        var points = new double[] { 500, 1000, 2000, 4000, 7000, 12000, 20000, 30000, 40000, 50000 };
        for (var p = 0; p < Processes; p++)
        {
            for (var i = 0; i < OwnLogs; i++)
                TestLogs.WriteSigmoid(Path.Combine(_work, $"job{p:D2}", $"recipe-{p:D2}", $"seed{i:D2}.csv"), seed: p * 1000 + i, compute: points);
        }
        for (var i = 0; i < SharedLogs; i++)
            TestLogs.WriteSigmoid(Path.Combine(_work, "shared", "common", $"seed{i:D2}.csv"), seed: 999_000 + i, compute: points);
        return Path.Combine(_work, "ledger.db");
    }

    private List<ToolRun> AppendAllAtOnce(string db, Func<int, string> commit)
    {
        var running = Enumerable.Range(0, Processes)
            .Select(p => tool.Start(_work, "append", $"job{p:D2}", "shared", "--db", db, "--commit", commit(p), "--branch", "main"))
            .ToList();
        var results = running.Select(r => r.WaitForExit()).ToList();
        running.ForEach(r => r.Dispose());
        return results;
    }

    private static void AssertRunCounts(List<ToolRun> results, string commitPattern)
    {
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Stderr));
        var counts = results.Select(r => Regex.Match(r.Stdout,
            $@"^appended (?<runs>\d+) runs to snapshot \d+ \(main@{commitPattern}\): (?<new>\d+) new, (?<old>\d+) already in the ledger\n$")).ToList();
        Assert.All(counts, m => Assert.True(m.Success, "unexpected output"));
        Assert.All(counts, m => Assert.Equal(OwnLogs + SharedLogs, int.Parse(m.Groups["runs"].Value)));
        Assert.All(counts, m => Assert.Equal(OwnLogs + SharedLogs, int.Parse(m.Groups["new"].Value) + int.Parse(m.Groups["old"].Value)));
        // Each shared log was new to exactly one process, whichever came first.
        Assert.Equal(Processes * OwnLogs + SharedLogs, counts.Sum(m => int.Parse(m.Groups["new"].Value)));
    }

    private static void AssertLedgerHoldsExactlyTheRuns(ILedgerStore store, string db)
    {
        var digests = TestLogs.SnapshotDigests(store);
        Assert.Equal(Processes * OwnLogs + SharedLogs, digests.Count);
        Assert.Equal(digests.Count, store.GetRuns(digests.ToList()).Count);
        // No stored run outside the snapshots, and none twice: the runs collection holds exactly these.
        Assert.Contains($"# runs {Processes * OwnLogs + SharedLogs}\n", LedgerDump.Of(db));
    }
}
