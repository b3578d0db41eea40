using System.Runtime.Versioning;

namespace Ledger.Cli.Tests;

/// <summary>
/// The verbs that only read (history, verify, report, rank, predict) open the ledger and its write-ahead log for reading
/// only, and make no write, truncation or fsync of them, even with a committed transaction pending in the log (which they
/// read, and leave for the next writer to merge). So a ledger of mode 0444 or on a read-only mount can be read. Checked
/// on the system calls themselves (strace), which holds as root too, where file modes do not stop a write.
/// </summary>
[Collection(InstalledToolCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class ReadOnlyReadersTests(InstalledTool tool) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-readers-").FullName;

    private string Db => Path.Combine(_work, "l.db");
    private string Log => Path.Combine(_work, "l-log.db");

    [Fact]
    public void Readers_open_the_ledger_and_its_pending_log_read_only_and_never_write_them()
    {
        for (var seed = 1; seed <= 6; seed++)
            TestLogs.WriteSigmoid(Path.Combine(_work, seed <= 3 ? "first" : "second", "grpo", $"seed{seed}.csv"), seed);
        Assert.Equal(0, tool.Run(_work, "check", "first", "--db", Db, "--commit", "c1", "--branch", "main", "--bootstrap", "0").ExitCode);
        // c2's append is killed at its first write of the data file: committed in the log, not yet merged.
        Assert.True(Strace.Run(tool, _work, [Db], "pwrite64", "pwrite64:signal=KILL:when=1",
            "append", "second", "--db", Db, "--commit", "c2", "--branch", "main").Injected);
        Assert.True(File.Exists(Log));
        File.SetUnixFileMode(Db, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(Log, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var data = File.ReadAllBytes(Db);
        var log = File.ReadAllBytes(Log);

        string[][] readers =
        [
            ["history", "--bootstrap", "0"],
            ["verify"],
            ["report", "--out", "report"],
            ["rank", "--branch", "main", "--bootstrap", "0"],
            ["predict", "--recipe", "grpo", "--compute", "100000", "--branch", "main", "--bootstrap", "0"],
        ];
        foreach (var reader in readers)
        {
            var traced = Strace.Run(tool, _work, [Db, Log], "openat,open,pwrite64,write,ftruncate,fsync,fdatasync", null, [.. reader, "--db", Db]);

            Assert.True(traced.Run.ExitCode == 0, $"{reader[0]}: {traced.Run.Output}");
            var calls = traced.Calls;
            Assert.Contains(calls, call => call.Syscall == "openat" && call.Line.Contains(Log, StringComparison.Ordinal));
            Assert.All(calls, call => Assert.True(call.Syscall == "openat" && call.Line.Contains("O_RDONLY", StringComparison.Ordinal)
                && !call.Line.Contains("O_RDWR", StringComparison.Ordinal) && !call.Line.Contains("O_WRONLY", StringComparison.Ordinal)
                && !call.Line.Contains("O_CREAT", StringComparison.Ordinal), $"{reader[0]}: {call.Line}"));
        }
        Assert.Contains(",c2,main,", tool.Run(_work, "history", "--db", Db, "--bootstrap", "0", "--format", "csv").Stdout);
        Assert.Equal(data, File.ReadAllBytes(Db));
        Assert.Equal(log, File.ReadAllBytes(Log));
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
