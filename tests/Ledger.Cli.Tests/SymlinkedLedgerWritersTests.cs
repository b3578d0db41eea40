using Ledger.Core.Storage.LiteDb;

namespace Ledger.Cli.Tests;

/// <summary>
/// One ledger, two spellings: twelve real `ledger append` processes at once, six writing <c>D/k.db</c> and six writing
/// <c>D-link/k.db</c>, where D-link is a symbolic link to D. With the lock named after the path as written, the two
/// halves ran unserialised and corrupted the ledger for good in 2 of 3 runs ("Detected loop in Find"). Named after the
/// file, they take turns: every snapshot is kept, every record reads, and `ledger verify` passes.
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed class SymlinkedLedgerWritersTests(InstalledTool tool) : IDisposable
{
    private const int Writers = 12;
    private const int OwnLogs = 30;
    private const int SharedLogs = 5;
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-symlinked-").FullName;

    [Fact]
    public void Twelve_writers_through_two_spellings_of_one_file_keep_every_snapshot_and_a_sound_ledger()
    {
        Directory.CreateDirectory(Path.Combine(_work, "D"));
        Directory.CreateSymbolicLink(Path.Combine(_work, "D-link"), Path.Combine(_work, "D"));
        for (var w = 0; w < Writers; w++)
        {
            for (var i = 0; i < OwnLogs; i++)
                TestLogs.WriteSigmoid(Path.Combine(_work, $"job{w:D2}", $"recipe-{w:D2}", $"seed{i:D2}.csv"), seed: w * 1000 + i);
        }
        for (var i = 0; i < SharedLogs; i++)
            TestLogs.WriteSigmoid(Path.Combine(_work, "shared", "common", $"seed{i:D2}.csv"), seed: 999_000 + i);

        var running = Enumerable.Range(0, Writers)
            .Select(w => tool.Start(_work, "append", $"job{w:D2}", "shared", "--db", w % 2 == 0 ? "D/k.db" : "D-link/k.db",
                "--commit", $"commit-{w:D2}", "--branch", "main"))
            .ToList();
        var results = running.Select(r => r.WaitForExit()).ToList();
        running.ForEach(r => r.Dispose());

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Stderr));
        Assert.False(File.Exists(Path.Combine(_work, "D", "k-log.db")), "a write left its log behind");
        using (var store = LiteDbLedgerStore.OpenReadOnly(Path.Combine(_work, "D", "k.db")))
        {
            Assert.Empty(store.FindDamage());
            var snapshots = store.GetSnapshots();
            Assert.Equal(Enumerable.Range(0, Writers).Select(w => $"commit-{w:D2}"), snapshots.Select(s => s.Commit).Order());
            Assert.All(snapshots, s => Assert.Equal(OwnLogs, s.Recipes[$"recipe-{s.Commit[^2..]}"].Count));
            Assert.All(snapshots, s => Assert.Equal(SharedLogs, s.Recipes["common"].Count));
            var digests = TestLogs.SnapshotDigests(store);
            Assert.Equal(Writers * OwnLogs + SharedLogs, digests.Count);
            Assert.Equal(digests.Count, store.GetRuns(digests.ToList()).Count);
        }
        var verify = tool.Run(_work, "verify", "--db", "D-link/k.db");
        Assert.True(verify.ExitCode == 0, verify.Output);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
