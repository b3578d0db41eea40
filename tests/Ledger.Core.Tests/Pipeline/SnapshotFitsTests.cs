using Ledger.Core.Fitting;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Core.Tests.Pipeline;

/// <summary>The one place fits come from for every verb: the snapshot's own record, else the cache, else a fit now; recorded only when asked.</summary>
public sealed class SnapshotFitsTests
{
    private static readonly FitOptions Options = new() { BootstrapResamples = 50 };

    [Fact]
    public void Fits_are_computed_once_recorded_on_request_then_read_back_and_shared_through_the_cache()
    {
        using var folder = new TempFolder();
        using var store = LiteDbLedgerStore.Open(folder.File("ledger.db"));
        var first = store.Append(new SnapshotDraft("c1", "main", DateTimeOffset.UnixEpoch), [Run("grpo", 1), Run("grpo", 2), Run("ppo", 3)]).Snapshot;
        // The second commit holds the same grpo runs: its grpo fit has the same input digest.
        var second = store.Append(new SnapshotDraft("c2", "main", DateTimeOffset.UnixEpoch), [Run("grpo", 2), Run("grpo", 1)]).Snapshot;

        var fresh = SnapshotFits.Resolve(store, [first], Options);
        Assert.Equal(["grpo", "ppo"], fresh.Select(f => f.Recipe));
        Assert.All(fresh, f => Assert.False(f.FromLedger));
        Assert.Equal(["runs/grpo/seed1.csv", "runs/grpo/seed2.csv"], fresh[0].LoadedRuns!.Select(r => r.SourcePath).Order(StringComparer.Ordinal));
        Assert.Equal(fresh[0].RunDigests.Order(StringComparer.Ordinal), fresh[0].RunDigests);
        Assert.Equal(fresh[0].RunDigests, fresh[0].LoadedRuns!.Select(r => r.Digest));
        Assert.Empty(store.GetFits(first.Id));

        Assert.Equal(2, SnapshotFits.Record(store, fresh));
        var again = SnapshotFits.Resolve(store, [first, second], Options);

        Assert.All(again, f => Assert.True(f.FromLedger));
        // The first snapshot's own fits name its runs: reused without loading a point. The second holds the same grpo runs,
        // so the first snapshot's grpo fit serves it too, also without loading a point.
        Assert.Equal([true, true, true], again.Select(f => f.LoadedRuns is null));
        Assert.Equal(FitPayload.Write(fresh[0].Fit, Options, []), FitPayload.Write(again[2].Fit, Options, []));
        Assert.Equal(fresh[0].Record.PayloadJson, again[2].Record.PayloadJson);
        // Recording again adds nothing to the first snapshot; the cached fit lands on the second.
        Assert.Equal(1, SnapshotFits.Record(store, again));
        Assert.Equal(["grpo"], store.GetFits(second.Id).Select(f => f.Recipe));
        Assert.Equal(["ppo"], SnapshotFits.Resolve(store, [first], Options, recipe => recipe == "ppo").Select(f => f.Recipe));
    }

    [Fact]
    public void The_runs_an_append_just_stored_are_fitted_as_they_are_held_and_others_are_read_from_the_ledger()
    {
        using var folder = new TempFolder();
        using var store = LiteDbLedgerStore.Open(folder.File("ledger.db"));
        var appended = store.Append(new SnapshotDraft("c1", "main", DateTimeOffset.UnixEpoch), [Run("grpo", 1), Run("grpo", 2), Run("ppo", 3)]);
        Assert.Equal(3, appended.Stored.Count);
        Assert.Equal(appended.Snapshot.Recipes.Values.SelectMany(d => d).Order(StringComparer.Ordinal), appended.Stored.Select(r => r.Digest).Order(StringComparer.Ordinal));
        Assert.Empty(store.Append(new SnapshotDraft("c2", "main", DateTimeOffset.UnixEpoch), [Run("grpo", 1)]).Stored);

        var fromLedger = SnapshotFits.Resolve(store, [appended.Snapshot], Options);
        var atHand = SnapshotFits.Resolve(store, [appended.Snapshot], Options, runsAtHand: appended.Stored);
        Assert.Equal(fromLedger.Select(f => f.Record.PayloadJson), atHand.Select(f => f.Record.PayloadJson));

        // Held runs are not read again: one held with other points (which no store would hold under its digest) is fitted
        // as held; the runs not held come from the ledger.
        var grpo = appended.Stored.First(r => r.Recipe == "grpo");
        var shifted = grpo with { Points = [.. grpo.Points.Select(p => p with { Reward = p.Reward + 0.1 })] };
        var fits = SnapshotFits.Resolve(store, [appended.Snapshot], Options, runsAtHand: [shifted]);
        Assert.Equal(A(fromLedger[0].Fit) + 0.05, A(fits[0].Fit), 0.01);
        Assert.Same(shifted, fits[0].LoadedRuns!.Single(r => r.Digest == grpo.Digest));
        Assert.Equal(fromLedger[1].Record.PayloadJson, fits[1].Record.PayloadJson);
    }

    private static double A(CurveFit fit) => fit.Parameters.Single(p => p.Name == "A").Value;

    internal static RunLog Run(string recipe, int seed, double a = 0.8)
    {
        var random = new Random(seed);
        var points = Enumerable.Range(0, 20)
            .Select(i => 300 * Math.Pow(1.3, i))
            .Select(c => new CurvePoint(c, 0.05 + (a - 0.05) / (1 + Math.Pow(5000 / c, 1.5)) + 0.005 * (random.NextDouble() - 0.5)))
            .ToArray();
        return new RunLog(recipe, $"seed{seed}", $"runs/{recipe}/seed{seed}.csv", "csv", ComputeMapping.FromColumn("compute"), "reward", points, []);
    }
}
