using System.Buffers.Binary;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Cli.Tests;

/// <summary>
/// A disk that fills while a checkpoint copies the write-ahead log into the data file can leave the data file ending
/// inside a page, beside a log that still holds the whole transaction. That is recoverable, and is recovered: readers
/// read it as if the page were whole (changing nothing), and the next writer pads the file to the page's end, which lets
/// LiteDB replay the log over it. Without a log that holds the page, the same file is refused as truncated, untouched.
/// The state is made for real: `ledger append` killed (strace, SIGKILL) at its first write of the data file, after its
/// commit reached the log, and then half of the page the checkpoint would have added is written to the data file's end.
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed class LedgerRecoveryTests(InstalledTool tool) : IDisposable
{
    private const int PageSize = 8192;
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-recovery-").FullName;

    private string Db => Path.Combine(_work, "l.db");
    private string Log => Path.Combine(_work, "l-log.db");

    [Fact]
    public void A_data_file_cut_inside_a_page_beside_a_log_that_holds_the_page_is_read_then_replayed_with_nothing_lost()
    {
        CutShortCheckpoint();
        var data = File.ReadAllBytes(Db);
        var log = File.ReadAllBytes(Log);
        Assert.NotEqual(0, data.Length % PageSize);

        var history = tool.Run(_work, "history", "--db", Db, "--bootstrap", "0", "--format", "csv");
        Assert.True(history.ExitCode == 0, history.Output);
        Assert.Contains(",c2,main,", history.Stdout);
        Assert.Equal(0, tool.Run(_work, "verify", "--db", Db).ExitCode);
        Assert.Equal(data, File.ReadAllBytes(Db));
        Assert.Equal(log, File.ReadAllBytes(Log));

        var append = tool.Run(_work, "append", "later", "--db", Db, "--commit", "c3", "--branch", "main");

        Assert.True(append.ExitCode == 0, append.Output);
        Assert.Equal(0, new FileInfo(Db).Length % PageSize);
        Assert.False(File.Exists(Log));
        using var store = LiteDbLedgerStore.OpenReadOnly(Db);
        Assert.Empty(store.FindDamage());
        Assert.Equal(["c1", "c2", "c3"], store.GetSnapshots().Select(s => s.Commit));
        Assert.Equal(3, store.GetSnapshots(commit: "c2").Single().Recipes["grpo"].Count);
        Assert.Equal(0, tool.Run(_work, "verify", "--db", Db).ExitCode);
    }

    [Fact]
    public void Without_its_log_the_same_file_is_refused_as_truncated_and_left_as_it_is()
    {
        CutShortCheckpoint();
        File.Delete(Log);
        var data = File.ReadAllBytes(Db);

        foreach (var verb in new[] { "history", "append" })
        {
            var run = verb == "history" ? tool.Run(_work, "history", "--db", Db) : tool.Run(_work, "append", "later", "--db", Db, "--commit", "c3");
            Assert.Equal(3, run.ExitCode);
            Assert.Contains("error LEDGER402", run.Stderr);
            Assert.Contains("is not a whole number of 8192-byte pages and its write-ahead log does not hold the rest", run.Stderr);
            Assert.Equal(data, File.ReadAllBytes(Db));
            Assert.False(File.Exists(Log));
        }
    }

    /// <summary>
    /// c1 appended; c2's append killed at its first data-file write, so c2 is committed in the log only; then the first
    /// half of the page that c2's checkpoint would have added at the data file's end is written there, as a short write.
    /// </summary>
    private void CutShortCheckpoint()
    {
        // The second build's runs are long enough to need new pages at the data file's end.
        var longRun = Enumerable.Range(1, 2000).Select(i => 20.0 * i).ToArray();
        for (var seed = 1; seed <= 9; seed++)
        {
            TestLogs.WriteSigmoid(Path.Combine(_work, seed <= 3 ? "first" : seed <= 6 ? "second" : "later", "grpo", $"seed{seed}.csv"), seed,
                compute: seed is > 3 and <= 6 ? longRun : null);
        }
        Assert.Equal(0, tool.Run(_work, "append", "first", "--db", Db, "--commit", "c1", "--branch", "main").ExitCode);
        var killed = Strace.Run(tool, _work, [Db], "pwrite64", "pwrite64:signal=KILL:when=1",
            "append", "second", "--db", Db, "--commit", "c2", "--branch", "main");
        Assert.True(killed.Injected, killed.Run.Output);

        var pages = new FileInfo(Db).Length / PageSize;
        var log = File.ReadAllBytes(Log);
        var next = Enumerable.Range(0, log.Length / PageSize)
            .Select(i => log.AsMemory(i * PageSize, PageSize))
            .Single(page => BinaryPrimitives.ReadUInt32LittleEndian(page.Span) == pages);
        using var data = new FileStream(Db, FileMode.Append);
        data.Write(next.Span[..(PageSize / 2)]);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
