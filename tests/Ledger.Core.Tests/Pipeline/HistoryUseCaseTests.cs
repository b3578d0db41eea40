using Ledger.Core.Fitting;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Core.Tests.Pipeline;

/// <summary>History on a real ledger file: stored fits are used when they match, fitted on the fly otherwise, and never written.</summary>
public sealed class HistoryUseCaseTests
{
    private static readonly FitOptions Options = new() { BootstrapResamples = 100 };

    [Fact]
    public void A_recorded_fit_with_matching_inputs_is_read_back_and_anything_else_is_fitted_without_writing()
    {
        using var folder = new TempFolder();
        var path = folder.File("ledger.db");
        using var store = LiteDbLedgerStore.Open(path);
        var first = store.Append(new SnapshotDraft("c1", "main", DateTimeOffset.UnixEpoch), [Run("grpo", 1), Run("grpo", 2), Run("ppo", 3)]).Snapshot;
        store.Append(new SnapshotDraft("c2", "main", DateTimeOffset.UnixEpoch.AddDays(1)), [Run("grpo", 1), Run("grpo", 2), Run("grpo", 4)]);

        var computed = HistoryUseCase.Run(new HistoryRequest(null, null, null, Options), store);
        Assert.Equal([(1L, "grpo"), (1L, "ppo"), (2L, "grpo")], computed.Rows.Select(r => (r.SnapshotId, r.Recipe)));
        Assert.All(computed.Rows, row => Assert.False(row.FromLedger));
        Assert.Equal([2, 1, 3], computed.Rows.Select(r => r.Runs));
        Assert.Equal([40, 20, 60], computed.Rows.Select(r => r.Points));
        var dump = LedgerDump.Of(path);
        Assert.Contains("# fits 0\n", dump);

        // Record snapshot 1's grpo fit, as `ledger fit` will, and a fit with other options that must not be used.
        var grpo = computed.Rows[0].Fit;
        store.RecordFits(first.Id, [FitRecords.ToStored(grpo, Options, [])]);
        var again = HistoryUseCase.Run(new HistoryRequest(null, null, null, Options), store);
        var otherOptions = HistoryUseCase.Run(new HistoryRequest("grpo", null, null, Options with { BootstrapResamples = 50 }), store);

        Assert.Equal([true, false, false], again.Rows.Select(r => r.FromLedger));
        Assert.Equal(Payload(grpo), Payload(again.Rows[0].Fit));
        Assert.All(otherOptions.Rows, row => Assert.False(row.FromLedger));
        Assert.Equal(computed.Rows.Select(r => Payload(r.Fit)), again.Rows.Select(r => Payload(r.Fit)));
    }

    [Fact]
    public void The_fit_of_a_snapshot_does_not_depend_on_the_order_its_runs_were_appended_in()
    {
        using var folder = new TempFolder();
        using var one = LiteDbLedgerStore.Open(folder.File("one.db"));
        using var two = LiteDbLedgerStore.Open(folder.File("two.db"));
        one.Append(new SnapshotDraft("c", "main", DateTimeOffset.UnixEpoch), [Run("grpo", 1), Run("grpo", 2), Run("grpo", 3)]);
        two.Append(new SnapshotDraft("c", "main", DateTimeOffset.UnixEpoch), [Run("grpo", 3)]);
        two.Append(new SnapshotDraft("c", "main", DateTimeOffset.UnixEpoch), [Run("grpo", 2), Run("grpo", 1)]);

        var a = HistoryUseCase.Run(new HistoryRequest(null, null, null, Options), one).Rows.Single().Fit;
        var b = HistoryUseCase.Run(new HistoryRequest(null, null, null, Options), two).Rows.Single().Fit;

        Assert.Equal(Payload(a), Payload(b));
    }

    [Fact]
    public void Filters_by_recipe_branch_and_commit()
    {
        using var folder = new TempFolder();
        using var store = LiteDbLedgerStore.Open(folder.File("ledger.db"));
        store.Append(new SnapshotDraft("c1", "main", DateTimeOffset.UnixEpoch), [Run("grpo", 1), Run("ppo", 2)]);
        store.Append(new SnapshotDraft("f1", "feature", DateTimeOffset.UnixEpoch), [Run("grpo", 3)]);
        var options = Options with { BootstrapResamples = 0 };

        Assert.Equal(["c1", "f1"], HistoryUseCase.Run(new HistoryRequest("grpo", null, null, options), store).Rows.Select(r => r.Commit));
        Assert.Equal(["grpo", "ppo"], HistoryUseCase.Run(new HistoryRequest(null, "main", null, options), store).Rows.Select(r => r.Recipe));
        Assert.Equal(["grpo"], HistoryUseCase.Run(new HistoryRequest(null, null, "f1", options), store).Rows.Select(r => r.Recipe));
        Assert.Empty(HistoryUseCase.Run(new HistoryRequest("ppo", "feature", null, options), store).Rows);
    }

    private static string Payload(CurveFit fit) => FitPayload.Write(fit, Options, []);

    /// <summary>A run of 20 points from the reference sigmoid with a little seeded noise.</summary>
    private static RunLog Run(string recipe, int seed)
    {
        var random = new Random(seed);
        var points = Enumerable.Range(0, 20)
            .Select(i => 300 * Math.Pow(1.3, i))
            .Select(c => new CurvePoint(c, 0.05 + 0.75 / (1 + Math.Pow(5000 / c, 1.5)) + 0.005 * (random.NextDouble() - 0.5)))
            .ToArray();
        return new RunLog(recipe, $"seed{seed}", $"runs/{recipe}/seed{seed}.csv", "csv", ComputeMapping.FromColumn("compute"), "reward", points, []);
    }
}
