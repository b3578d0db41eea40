using Ledger.Core.Diagnostics;
using Ledger.Core.Fitting;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Core.Tests.Pipeline;

/// <summary>`ledger predict` and `ledger rank` read the latest snapshot of a branch, rank by A only what the data identify, and write nothing.</summary>
public sealed class PredictAndRankTests
{
    private static readonly FitOptions Options = new() { BootstrapResamples = 100 };

    [Fact]
    public void Rank_orders_identified_recipes_by_A_and_lists_the_unidentified_after_with_their_reason()
    {
        using var folder = new TempFolder();
        var path = folder.File("ledger.db");
        using var store = LiteDbLedgerStore.Open(path);
        store.Append(new SnapshotDraft("c1", "main", DateTimeOffset.UnixEpoch), [SnapshotFitsTests.Run("old", 1)]);
        store.Append(new SnapshotDraft("c2", "main", DateTimeOffset.UnixEpoch),
        [
            .. Enumerable.Range(1, 3).Select(s => SnapshotFitsTests.Run("mid", s, 0.7)),
            .. Enumerable.Range(4, 3).Select(s => SnapshotFitsTests.Run("top", s, 0.85)),
            Early("early"),
        ]);
        var before = LedgerDump.Of(path);

        var rank = RankUseCase.Run(new RankRequest("main", folder.Path, _ => null, Options, LowerIsBetter: false), store);
        var lowest = RankUseCase.Run(new RankRequest("main", folder.Path, _ => null, Options, LowerIsBetter: true), store);

        Assert.Equal(["top", "mid"], rank.Ranked.Select(r => r.Recipe));
        Assert.Equal(["mid", "top"], lowest.Ranked.Select(r => r.Recipe));
        var early = Assert.Single(rank.Unidentified);
        Assert.Equal(("early", FitStatus.Unidentified), (early.Recipe, early.Fit.Status));
        Assert.False(string.IsNullOrWhiteSpace(early.Fit.Reason));
        Assert.All(rank.Ranked, r => Assert.NotNull(r.Fit.Planning));
        Assert.Equal(before, LedgerDump.Of(path));
    }

    [Fact]
    public void Predict_uses_the_latest_snapshot_of_the_branch_that_holds_the_recipe()
    {
        using var folder = new TempFolder();
        using var store = LiteDbLedgerStore.Open(folder.File("ledger.db"));
        var holding = store.Append(new SnapshotDraft("c1", "main", DateTimeOffset.UnixEpoch), Enumerable.Range(1, 3).Select(s => SnapshotFitsTests.Run("grpo", s)).ToList()).Snapshot;
        store.Append(new SnapshotDraft("c2", "main", DateTimeOffset.UnixEpoch), [SnapshotFitsTests.Run("ppo", 9)]);

        var result = PredictUseCase.Run(new PredictRequest("grpo", 1e5, "main", folder.Path, _ => null, Options), store);

        Assert.Equal(holding.Id, result.Snapshot.Id);
        var prediction = result.Fit.Prediction!;
        var truth = 0.05 + 0.75 / (1 + Math.Pow(5000 / 1e5, 1.5));
        Assert.Equal(1e5, prediction.Compute);
        Assert.InRange(prediction.Value, truth - 0.02, truth + 0.02);
        Assert.InRange(prediction.Value, prediction.Bootstrap.Lower, prediction.Bootstrap.Upper);
        Assert.Equal(ErrorCodes.NoSnapshot, Assert.Throws<LedgerInputException>(() =>
            PredictUseCase.Run(new PredictRequest("grpo", 1e5, "feature", folder.Path, _ => null, Options), store)).Code);
        Assert.Equal(ErrorCodes.InvalidOption, Assert.Throws<LedgerInputException>(() =>
            PredictUseCase.Run(new PredictRequest("grpo", -1, "main", folder.Path, _ => null, Options), store)).Code);
    }

    /// <summary>Points that all lie before the inflection: A cannot be told.</summary>
    private static RunLog Early(string recipe) => new(recipe, "seed1", $"runs/{recipe}/seed1.csv", "csv", ComputeMapping.FromColumn("compute"), "reward",
        [new CurvePoint(300, 0.06), new CurvePoint(500, 0.075), new CurvePoint(800, 0.1), new CurvePoint(1200, 0.13), new CurvePoint(1800, 0.17)], []);
}
