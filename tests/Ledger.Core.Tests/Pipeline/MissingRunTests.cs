using Ledger.Core.Diagnostics;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;
using Ledger.Core.Tests.Storage;
using LiteDB;

namespace Ledger.Core.Tests.Pipeline;

/// <summary>
/// A ledger whose snapshot names a run it no longer holds (the run's record lost or removed) is damage. The verbs that
/// read the fits back without the points meet the loss only when they need the points (the report's plots, the gate's
/// evidence): they refuse with LEDGER402 and change nothing, where they failed as a fault of Ledger's (LEDGER901).
/// </summary>
public sealed class MissingRunTests : IDisposable
{
    private static readonly FitOptions Options = new() { BootstrapResamples = 0 };
    private readonly TempFolder _folder = new();
    private readonly string _ledger;
    private readonly string _lost;

    public MissingRunTests()
    {
        _ledger = _folder.File("ledger.db");
        using (var store = LiteDbLedgerStore.Open(_ledger))
        {
            var snapshot = store.Append(SampleRuns.Draft("c1"), [SampleRuns.Run("grpo", 1), SampleRuns.Run("grpo", 2, "runs/grpo/seed2.csv", "seed2")]).Snapshot;
            SnapshotFits.Record(store, SnapshotFits.Resolve(store, [snapshot], Options));
            _lost = snapshot.Recipes["grpo"][0];
        }
        using var db = new LiteDatabase(new ConnectionString { Filename = _ledger, Connection = ConnectionType.Shared });
        Assert.True(db.GetCollection("runs").Delete(_lost));
    }

    [Fact]
    public void The_report_refuses_and_writes_no_folder()
    {
        var before = File.ReadAllBytes(_ledger);
        using var store = LiteDbLedgerStore.OpenExisting(_ledger);

        var refused = Assert.Throws<LedgerUnavailableException>(() =>
            ReportUseCase.Run(new ReportRequest(_folder.File("report"), null, null, null, null, Options), store));

        Assert.Equal(ErrorCodes.LedgerDamaged, refused.Code);
        Assert.Contains($"snapshot 1 names run {_lost}, which the ledger does not hold", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.File("report")));
        Assert.Equal(before, File.ReadAllBytes(_ledger));
    }

    [Fact]
    public void The_gate_refuses_and_records_nothing()
    {
        var before = File.ReadAllBytes(_ledger);
        using var store = LiteDbLedgerStore.OpenExisting(_ledger);

        var refused = Assert.Throws<LedgerUnavailableException>(() => GateUseCase.Run(
            new GateRequest("c1", "main", _folder.Path, _ => null, null, Options, new GateOptions(), AllowList.Empty, new DateOnly(2026, 11, 23)), store));

        Assert.Equal(ErrorCodes.LedgerDamaged, refused.Code);
        Assert.Contains($"names run {_lost}", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_ledger));
    }

    public void Dispose() => _folder.Dispose();
}
