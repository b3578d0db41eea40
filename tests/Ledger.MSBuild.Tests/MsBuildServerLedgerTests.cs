using Ledger.Core.Storage;

namespace Ledger.MSBuild.Tests;

/// <summary>
/// `dotnet build` with LedgerDatabase naming a PostgreSQL server: the targets append, fit, gate and report into the
/// server's ledger, their incremental stamps never look for a file of that name, and the password stays out of the
/// build's output and its settings file.
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed class MsBuildServerLedgerTests : IDisposable
{
    private readonly TestDatabase _database = PostgresServer.CreateDatabase();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void A_server_ledger_is_appended_fitted_and_gated_by_the_build_and_a_build_with_nothing_changed_skips_every_target()
    {
        using var consumer = Consumer.Create().WithExampleRuns()
            .With("LedgerDatabase", _database.Address).With("LedgerCommit", "c1").With("LedgerBranch", "main")
            .RunLogs("runs/**/*.csv").Save();

        var first = consumer.Build();
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("ledger: appended 7 runs to snapshot 1 (main@c1): 7 new", first.Stdout);
        Assert.False(File.Exists(consumer.Database));
        var settings = File.ReadAllText(Path.Combine(consumer.Folder, "obj", "ledger", "settings.txt"));
        Assert.Contains($"LedgerDatabase={_database.AddressWithoutPassword}", settings);
        Assert.DoesNotContain(PostgresServer.Password, settings);
        Assert.DoesNotContain(PostgresServer.Password, first.Output);

        var again = consumer.Build("-v:n");
        Assert.True(again.ExitCode == 0, again.Output);
        foreach (var target in new[] { "LedgerAppend", "LedgerFit", "LedgerGate", "LedgerReport" })
            Assert.Contains($"Skipping target \"{target}\" because all output files are up-to-date", again.Stdout);

        consumer.ShiftRewards("grpo-b512", -0.1);
        consumer.With("LedgerCommit", "c2").With("LedgerBranch", "feature").Save();
        var regressed = consumer.Build();
        Assert.True(regressed.ExitCode == 1, regressed.Output);
        Assert.Contains("error LEDGER201: recipe 'grpo-b512'", regressed.Stdout);
        Assert.Contains("(main@c1), tolerance 0.02", regressed.Stdout);
        Assert.DoesNotContain(PostgresServer.Password, regressed.Output);

        using var store = LedgerStores.Open(_database.Location, LedgerAccess.ReadOnly);
        Assert.Equal([("c1", "main"), ("c2", "feature")], store.GetSnapshots().Select(s => (s.Commit, s.Branch)));
        Assert.Contains(store.GetVerdicts(2), verdict => verdict is { Recipe: "grpo-b512", Verdict: "regressed" });
    }
}
