using Ledger.Core.Diagnostics;
using Ledger.Core.Fitting;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Core.Tests.Pipeline;

/// <summary>`ledger fit` on a real ledger file: fits what changed, reuses the rest, and a rerun computes and records nothing.</summary>
public sealed class FitUseCaseTests
{
    private static readonly FitOptions Options = new() { BootstrapResamples = 50 };

    [Fact]
    public void Refits_only_what_has_no_stored_fit_and_records_the_snapshot_s_fits_once()
    {
        using var folder = new TempFolder();
        using var store = LiteDbLedgerStore.Open(folder.File("ledger.db"));
        store.Append(new SnapshotDraft("c1", "main", DateTimeOffset.UnixEpoch), [SnapshotFitsTests.Run("grpo", 1), SnapshotFitsTests.Run("ppo", 2)]);

        var first = FitUseCase.Run(Request("c1"), store);
        var second = FitUseCase.Run(Request("c1"), store);
        // A new commit with one recipe unchanged and one with a new run: one refit, one reuse through the cache.
        store.Append(new SnapshotDraft("c2", "main", DateTimeOffset.UnixEpoch), [SnapshotFitsTests.Run("grpo", 1), SnapshotFitsTests.Run("ppo", 2), SnapshotFitsTests.Run("ppo", 3)]);
        var third = FitUseCase.Run(Request("c2"), store);

        Assert.Equal((2, 0, 2), (first.Refitted, first.Reused, first.Recorded));
        Assert.Equal((0, 2, 0), (second.Refitted, second.Reused, second.Recorded));
        Assert.Equal((1, 1, 2), (third.Refitted, third.Reused, third.Recorded));
        Assert.Equal(["grpo", "ppo"], store.GetFits(third.Snapshot.Id).Select(f => f.Recipe));
    }

    [Fact]
    public void A_build_the_ledger_holds_no_snapshot_for_is_bad_input()
    {
        using var folder = new TempFolder();
        using var store = LiteDbLedgerStore.Open(folder.File("ledger.db"));

        var e = Assert.Throws<LedgerInputException>(() => FitUseCase.Run(Request("nope"), store));
        Assert.Equal(ErrorCodes.NoSnapshot, e.Code);
    }

    private static FitRequest Request(string commit) => new(commit, "main", Path.GetTempPath(), _ => null, Options);
}
