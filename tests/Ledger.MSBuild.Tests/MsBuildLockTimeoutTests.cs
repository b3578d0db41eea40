namespace Ledger.MSBuild.Tests;

/// <summary>
/// LedgerLockTimeout in a project: while another process (here a thread of the test, holding the machine-wide lock) uses
/// the ledger, the build's Ledger target waits that long and fails with LEDGER404 on the ledger, not with a hang.
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed class MsBuildLockTimeoutTests
{
    [Fact]
    public void A_build_waits_LedgerLockTimeout_seconds_for_a_held_ledger_and_fails_with_LEDGER404()
    {
        using var consumer = Consumer.Create().WithExampleRuns()
            .With("LedgerCommit", "c1").With("LedgerBranch", "main").With("LedgerLockTimeout", "1.5")
            .RunLogs("runs/**/*.csv").Save();
        ToolRun build;
        using (new HeldLedgerLock(consumer.Database))
            build = consumer.Build();

        Assert.Equal(1, build.ExitCode);
        Assert.Contains($"{consumer.Database} : error LEDGER404: another process kept the ledger locked for longer than 1.5 s", build.Stdout);
        Assert.DoesNotContain("MSB4018", build.Stdout);
        Assert.False(File.Exists(consumer.Database), "a build that never got the lock created the ledger");
        Assert.Equal(0, consumer.Build().ExitCode);
    }
}
