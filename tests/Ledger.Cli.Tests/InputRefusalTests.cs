using System.Diagnostics;

namespace Ledger.Cli.Tests;

/// <summary>
/// Inputs that hung the installed tool: a symbolic link loop in a folder of logs (its memory grew past a gigabyte in
/// two minutes) and a named pipe given as a log (it waited for a writer for ever). Each run has a deadline, so a
/// regression fails here instead of hanging the suite.
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed class InputRefusalTests(InstalledTool tool) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-inputs-").FullName;

    [Theory]
    [InlineData("runs")]
    [InlineData("runs/**/*.csv")]
    public void A_folder_with_symbolic_link_loops_is_read_once(string entry)
    {
        for (var seed = 1; seed <= 3; seed++)
            TestLogs.WriteSigmoid(Path.Combine(_work, "runs", "grpo", $"seed{seed}.csv"), seed);
        Directory.CreateSymbolicLink(Path.Combine(_work, "runs", "grpo", "up"), "..");
        Directory.CreateSymbolicLink(Path.Combine(_work, "runs", "grpo", "again"), "../grpo");

        var run = ChildProcess.Run(tool.Executable, ["curve", entry, "--bootstrap", "0"], _work, timeout: Deadline);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("recipe grpo: sigmoid4, 3 runs, 24 points", run.Stdout);
    }

    [Fact]
    public void A_named_pipe_is_refused_at_once_and_nothing_is_written()
    {
        TestLogs.WriteSigmoid(Path.Combine(_work, "runs", "grpo", "seed1.csv"), seed: 1);
        var pipe = Path.Combine(_work, "runs", "grpo", "seed2.csv");
        using (var mkfifo = Process.Start("mkfifo", [pipe]))
            mkfifo.WaitForExit();

        var direct = ChildProcess.Run(tool.Executable, ["append", pipe, "--db", "ledger.db", "--commit", "c1", "--branch", "main"], _work, timeout: Deadline);
        var folder = ChildProcess.Run(tool.Executable, ["append", "runs", "--db", "ledger.db", "--commit", "c1", "--branch", "main"], _work, timeout: Deadline);

        Assert.All([direct, folder], run =>
        {
            Assert.Equal(2, run.ExitCode);
            Assert.Equal($"{pipe}: error LEDGER118: found a named pipe (FIFO), not a regular file; expected a run-log file (a regular file, or a link to one)\n", run.Stderr);
        });
        Assert.False(File.Exists(Path.Combine(_work, "ledger.db")));
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
