using Ledger.Core.Storage.LiteDb;

namespace Ledger.Cli.Tests;

/// <summary>
/// Standard output on a full device (`> /dev/full`): every verb once died with a stack trace, append after it had
/// written. Now it is one line on stderr, exit 4, and for a verb that records, the line says what the ledger kept.
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed class OutputFailureTests(InstalledTool tool) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-full-").FullName;

    private string Db => Path.Combine(_work, "ledger.db");

    [Fact]
    public void Append_into_a_full_stdout_is_exit_4_and_the_ledger_has_the_runs()
    {
        WriteLogs();

        var run = ToDevFull("append", "runs", "--db", Db, "--commit", "c1", "--branch", "main");

        Assert.Equal(4, run.ExitCode);
        Assert.Equal("error: the results could not be written to standard output (No space left on device); the ledger holds the runs this call appended\n", run.Stderr);
        using var store = LiteDbLedgerStore.OpenExisting(Db);
        Assert.Equal(3, TestLogs.SnapshotDigests(store).Count);
    }

    [Theory]
    [InlineData("check", "the ledger holds what this call recorded (runs, fits, verdicts)")]
    [InlineData("history", "nothing was changed")]
    [InlineData("curve", "nothing was changed")]
    [InlineData("report", "the report folder holds the new render")]
    [InlineData("--help", "nothing was changed")]
    public void Every_verb_into_a_full_stdout_is_one_line_and_exit_4(string verb, string kept)
    {
        WriteLogs();
        Assert.Equal(0, tool.Run(_work, "append", "runs", "--db", Db, "--commit", "c1", "--branch", "main").ExitCode);
        string[] arguments = verb switch
        {
            "check" => ["check", "runs", "--db", Db, "--commit", "c2", "--branch", "main", "--bootstrap", "0"],
            "history" => ["history", "--db", Db, "--bootstrap", "0"],
            "curve" => ["curve", "runs", "--bootstrap", "0"],
            "report" => ["report", "--db", Db, "--out", "site", "--bootstrap", "0"],
            _ => [verb],
        };

        var run = ToDevFull(arguments);

        Assert.Equal(4, run.ExitCode);
        Assert.Equal($"error: the results could not be written to standard output (No space left on device); {kept}\n", run.Stderr);
    }

    /// <summary>Runs the installed tool with standard output on /dev/full, every write to it failing with ENOSPC.</summary>
    private ToolRun ToDevFull(params string[] arguments) =>
        ChildProcess.Run("/bin/sh", ["-c", "exec \"$0\" \"$@\" > /dev/full", tool.Executable, .. arguments], _work);

    private void WriteLogs()
    {
        for (var seed = 1; seed <= 3; seed++)
            TestLogs.WriteSigmoid(Path.Combine(_work, "runs", "reference", $"seed{seed}.csv"), seed);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
