using Ledger.Core.Diagnostics;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;
using LiteDB;

namespace Ledger.Core.Tests.Pipeline;

/// <summary>
/// The gate pools the seed spreads of the baseline branch's recent fits into its prior. A fit there whose record cannot
/// be read is damage: the gate refuses with LEDGER402 and changes nothing, where it failed as a fault of Ledger's
/// (LEDGER901); skipping the fit would change the prior, and so the verdicts, with nothing said.
/// </summary>
public sealed class SeedPriorDamageTests : IDisposable
{
    private static readonly FitOptions Options = new() { BootstrapResamples = 0 };
    private readonly TempFolder _folder = new();

    [Fact]
    public void A_history_fit_that_cannot_be_read_is_refused_as_damage()
    {
        var ledger = _folder.File("ledger.db");
        using (var store = LiteDbLedgerStore.Open(ledger))
        {
            // Two main builds of other runs than the pull request's: the older one's fit is history, pooled only for the prior.
            Fitted(store, "c1", "main", 1);
            Fitted(store, "c2", "main", 11);
            Fitted(store, "f1", "feature", 21);
        }
        using (var db = new LiteDatabase(new ConnectionString { Filename = ledger, Connection = ConnectionType.Shared }))
        {
            var fits = db.GetCollection("fits");
            var history = fits.FindAll().First(doc => doc["snapshotId"].AsInt64 == 1);
            history["payloadJson"] = "{\"broken";
            Assert.True(fits.Update(history));
        }
        var before = File.ReadAllBytes(ledger);

        using var reopened = LiteDbLedgerStore.OpenExisting(ledger);
        var refused = Assert.Throws<LedgerUnavailableException>(() => GateUseCase.Run(
            new GateRequest("f1", "feature", _folder.Path, _ => null, "main", Options, new GateOptions(), AllowList.Empty, new DateOnly(2026, 11, 23)), reopened));

        Assert.Equal(ErrorCodes.LedgerDamaged, refused.Code);
        Assert.Contains("the fit of recipe 'grpo' on snapshot 1, pooled for the gate's seed prior, cannot be read", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(ledger));
    }

    private static void Fitted(LiteDbLedgerStore store, string commit, string branch, int seed)
    {
        var snapshot = store.Append(new SnapshotDraft(commit, branch, DateTimeOffset.UnixEpoch),
            [SnapshotFitsTests.Run("grpo", seed), SnapshotFitsTests.Run("grpo", seed + 1)]).Snapshot;
        SnapshotFits.Record(store, SnapshotFits.Resolve(store, [snapshot], Options));
    }

    public void Dispose() => _folder.Dispose();
}
