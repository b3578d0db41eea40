using Ledger.Core.Diagnostics;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;
using LiteDB;

namespace Ledger.Core.Tests.Pipeline;

/// <summary>
/// Damage that the report and the gate meet only half way, after reading fits back without their points: a snapshot
/// naming a run the ledger no longer holds (met by the plots and the gate's evidence), and a fit of the baseline branch's
/// history whose record cannot be read (met by the gate's seed prior). Each is refused with LEDGER402, naming it, and
/// changes nothing, where it failed as a fault of Ledger's (LEDGER901). The damage is done to a real ledger file through
/// LiteDB, as a lost record or a bad disk would leave it.
/// </summary>
public sealed class DamagedLedgerRefusalTests : IDisposable
{
    private static readonly FitOptions Options = new() { BootstrapResamples = 0 };
    private static readonly DateOnly Today = new(2026, 11, 23);
    private readonly TempFolder _folder = new();
    private readonly string _ledger;

    public DamagedLedgerRefusalTests() => _ledger = _folder.File("ledger.db");

    [Fact]
    public void The_report_refuses_a_snapshot_whose_run_is_gone_and_writes_no_folder()
    {
        var lost = LoseARun();
        var before = File.ReadAllBytes(_ledger);
        using var store = LiteDbLedgerStore.OpenExisting(_ledger);

        var refused = Assert.Throws<LedgerUnavailableException>(() =>
            ReportUseCase.Run(new ReportRequest(_folder.File("report"), null, null, null, null, Options), store));

        Assert.Equal(ErrorCodes.LedgerDamaged, refused.Code);
        Assert.Contains($"snapshot 1 names run {lost}, which the ledger does not hold", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.File("report")));
        Assert.Equal(before, File.ReadAllBytes(_ledger));
    }

    [Fact]
    public void The_gate_refuses_a_snapshot_whose_run_is_gone_and_records_nothing()
    {
        var lost = LoseARun();
        var before = File.ReadAllBytes(_ledger);
        using var store = LiteDbLedgerStore.OpenExisting(_ledger);

        var refused = Assert.Throws<LedgerUnavailableException>(() => GateUseCase.Run(Gate("c1", "main"), store));

        Assert.Equal(ErrorCodes.LedgerDamaged, refused.Code);
        Assert.Contains($"names run {lost}", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_ledger));
    }

    [Fact]
    public void The_gate_refuses_a_history_fit_that_cannot_be_read()
    {
        using (var store = LiteDbLedgerStore.Open(_ledger))
        {
            // Two main builds of other runs than the pull request's: the older one's fit is history, pooled only for the prior.
            Fitted(store, "c1", "main", 1);
            Fitted(store, "c2", "main", 11);
            Fitted(store, "f1", "feature", 21);
        }
        Damage("fits", fits =>
        {
            var history = fits.FindAll().First(doc => doc["snapshotId"].AsInt64 == 1);
            history["payloadJson"] = "{\"broken";
            Assert.True(fits.Update(history));
        });
        var before = File.ReadAllBytes(_ledger);
        using var reopened = LiteDbLedgerStore.OpenExisting(_ledger);

        var refused = Assert.Throws<LedgerUnavailableException>(() => GateUseCase.Run(Gate("f1", "feature", baseline: "main"), reopened));

        Assert.Equal(ErrorCodes.LedgerDamaged, refused.Code);
        Assert.Contains("the fit of recipe 'grpo' on snapshot 1, pooled for the gate's seed prior, cannot be read", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_ledger));
    }

    /// <summary>A fitted snapshot of two runs, then one of them removed from the ledger.</summary>
    /// <returns>The digest of the run removed.</returns>
    private string LoseARun()
    {
        string lost;
        using (var store = LiteDbLedgerStore.Open(_ledger))
            lost = Fitted(store, "c1", "main", 1).Recipes["grpo"][0];
        Damage("runs", runs => Assert.True(runs.Delete(lost)));
        return lost;
    }

    private static Snapshot Fitted(LiteDbLedgerStore store, string commit, string branch, int seed)
    {
        var snapshot = store.Append(new SnapshotDraft(commit, branch, DateTimeOffset.UnixEpoch),
            [SnapshotFitsTests.Run("grpo", seed), SnapshotFitsTests.Run("grpo", seed + 1)]).Snapshot;
        SnapshotFits.Record(store, SnapshotFits.Resolve(store, [snapshot], Options));
        return snapshot;
    }

    private void Damage(string collection, Action<ILiteCollection<BsonDocument>> change)
    {
        using var db = new LiteDatabase(new ConnectionString { Filename = _ledger, Connection = ConnectionType.Shared });
        change(db.GetCollection(collection));
    }

    private GateRequest Gate(string commit, string branch, string? baseline = null) =>
        new(commit, branch, _folder.Path, _ => null, baseline, Options, new GateOptions(), AllowList.Empty, Today);

    public void Dispose() => _folder.Dispose();
}
