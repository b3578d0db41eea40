using System.Diagnostics;

namespace Ledger.Cli.Tests;

/// <summary>
/// LEDGER404 tells the user to raise the lock timeout, so they can: --lock-timeout on every verb that opens a ledger, else
/// LEDGER_LOCK_TIMEOUT, else 30 s. While this test process holds the ledger's lock (a thread stands in for another
/// `ledger` process: the lock is a machine-wide named mutex), a verb waits that long and then exits 3.
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed class LockTimeoutCommandTests(InstalledTool tool) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-lock-").FullName;

    private string Db => Path.Combine(_work, "l.db");

    [Fact]
    public void A_held_lock_makes_a_verb_wait_for_the_timeout_it_was_given_and_exit_3()
    {
        TestLogs.WriteSigmoid(Path.Combine(_work, "runs", "grpo", "seed1.csv"), 1);
        Assert.Equal(0, tool.Run(_work, "append", "runs", "--db", Db, "--commit", "c1", "--branch", "main").ExitCode);
        using (new HeldLedgerLock(Db))
        {
            var (option, optionTime) = Timed(() => tool.Run(_work, "history", "--db", Db, "--lock-timeout", "2.5"));
            var (environment, environmentTime) = Timed(() => tool.RunWith(new Dictionary<string, string> { ["LEDGER_LOCK_TIMEOUT"] = "1" },
                _work, "append", "runs", "--db", Db, "--commit", "c2", "--branch", "main"));
            var (overridden, _) = Timed(() => tool.RunWith(new Dictionary<string, string> { ["LEDGER_LOCK_TIMEOUT"] = "600" },
                _work, "fit", "--db", Db, "--commit", "c1", "--branch", "main", "--lock-timeout", "0"));

            Assert.Equal(3, option.ExitCode);
            Assert.Contains("error LEDGER404: another process kept the ledger locked for longer than 2.5 s", option.Stderr);
            Assert.Contains("--lock-timeout SECONDS, the LEDGER_LOCK_TIMEOUT environment variable, or the LedgerLockTimeout property", option.Stderr);
            Assert.InRange(optionTime.TotalSeconds, 2.5, 20);
            Assert.Equal(3, environment.ExitCode);
            Assert.Contains("locked for longer than 1 s", environment.Stderr);
            Assert.InRange(environmentTime.TotalSeconds, 1, 20);
            Assert.Equal(3, overridden.ExitCode);
            Assert.Contains("locked for longer than 0 s", overridden.Stderr);
        }
        Assert.Equal(0, tool.Run(_work, "history", "--db", Db, "--lock-timeout", "1", "--bootstrap", "0").ExitCode);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-1")]
    [InlineData("90000")]
    public void A_lock_timeout_that_is_not_a_number_of_seconds_up_to_a_day_is_exit_2(string value)
    {
        var run = tool.Run(_work, "history", "--db", Db, "--lock-timeout", value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--lock-timeout: error LEDGER120: found --lock-timeout = '{value}'; expected a number of seconds from 0", run.Stderr);
    }

    private static (ToolRun Run, TimeSpan Elapsed) Timed(Func<ToolRun> run)
    {
        var clock = Stopwatch.StartNew();
        var result = run();
        return (result, clock.Elapsed);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
