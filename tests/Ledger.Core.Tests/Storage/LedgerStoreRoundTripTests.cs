using Ledger.Core.Ingest;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Core.Tests.Storage;

/// <summary>What goes into a ledger file comes back out, exactly, after the file is closed and reopened.</summary>
public sealed class LedgerStoreRoundTripTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private string DbPath => _folder.File("ledger.db");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_run_round_trips_with_its_points_metadata_and_first_seen_build()
    {
        var run = SampleRuns.Run() with
        {
            Compute = new ComputeMapping(ComputeSource.RuntimeTimesGpus, "_runtime", 8.0 / 3600),
            RewardColumn = "eval/reward",
            Points = [new(0, -0.0), new(1e-300, 0.1, 1), new(123456.789, 0.7000000000000001, 2.5)],
        };
        var draft = new SnapshotDraft("c0ffee1", "main", new DateTimeOffset(2026, 11, 23, 9, 30, 15, TimeSpan.FromMinutes(330)).AddTicks(7), ["sweep", "seed-1"]);
        using (var store = LiteDbLedgerStore.Open(DbPath))
            store.Append(draft, [run]);

        using var reopened = LiteDbLedgerStore.Open(DbPath);
        var stored = Assert.Single(reopened.GetRuns([RunDigest.Compute(run)]));

        Assert.Equal(RunDigest.Compute(run), stored.Digest);
        Assert.Equal((run.Recipe, run.RunName, run.SourcePath, run.Format, run.Compute, run.RewardColumn),
            (stored.Recipe, stored.RunName, stored.SourcePath, stored.Format, stored.ComputeMapping, stored.RewardColumn));
        Assert.Equal(run.Points, stored.Points);
        Assert.True(double.IsNegative(stored.Points[0].Reward), "-0.0 must come back as -0.0");
        Assert.Equal(["sweep", "seed-1"], stored.Tags);
        Assert.Equal("c0ffee1", stored.FirstSeenCommit);
        Assert.Equal(draft.Time, stored.FirstSeenTime);
        Assert.Equal(draft.Time.Offset, stored.FirstSeenTime.Offset);
        Assert.Equal(draft.Time.UtcTicks, stored.FirstSeenTime.UtcTicks);
    }

    [Fact]
    public void A_snapshot_round_trips_with_its_recipes_and_runs()
    {
        var a1 = SampleRuns.Run("a", 1);
        var a2 = SampleRuns.Run("a", 2);
        var b1 = SampleRuns.Run("b", 1);
        long id;
        using (var store = LiteDbLedgerStore.Open(DbPath))
            id = store.Append(SampleRuns.Draft(), [b1, a1, a2]).Snapshot.Id;

        using var reopened = LiteDbLedgerStore.Open(DbPath);
        var snapshot = reopened.GetSnapshots().SingleOrDefault(s => s.Id == id);

        Assert.NotNull(snapshot);
        Assert.Equal(("c0ffee1", "main", SampleRuns.Time), (snapshot.Commit, snapshot.Branch, snapshot.Time));
        Assert.Equal(["a", "b"], snapshot.Recipes.Keys);
        Assert.Equal([RunDigest.Compute(a1), RunDigest.Compute(a2)], snapshot.Recipes["a"]);
        Assert.Equal([RunDigest.Compute(b1)], snapshot.Recipes["b"]);
        Assert.Null(reopened.GetSnapshots().SingleOrDefault(s => s.Id == id + 1));
    }

    [Fact]
    public void Fits_round_trip_exactly_including_non_finite_values()
    {
        var fit = SampleRuns.Fit();
        long id;
        using (var store = LiteDbLedgerStore.Open(DbPath))
        {
            id = store.Append(SampleRuns.Draft(), [SampleRuns.Run()]).Snapshot.Id;
            Assert.Equal(1, store.RecordFits(id, [fit]));
        }

        using var reopened = LiteDbLedgerStore.Open(DbPath);
        var stored = Assert.Single(reopened.GetFits(id));

        Assert.Equal(fit with { Parameters = [] }, stored with { Parameters = [] });
        Assert.Equal(fit.Parameters, stored.Parameters);
        Assert.Equal(fit, reopened.FindFit("input-1") is { } cached ? cached with { Parameters = fit.Parameters } : null);
        Assert.Null(reopened.FindFit("no-such-input"));
    }

    [Fact]
    public void Verdicts_round_trip_with_and_without_a_baseline()
    {
        using var store = LiteDbLedgerStore.Open(DbPath);
        var baseline = store.Append(SampleRuns.Draft("base"), [SampleRuns.Run("a")]).Snapshot.Id;
        var current = store.Append(SampleRuns.Draft("head"), [SampleRuns.Run("a"), SampleRuns.Run("b")]).Snapshot.Id;
        StoredVerdict[] verdicts =
        [
            new(current, "b", "new", null, null, null, null, false, null),
            new(current, "a", "regressed", baseline, -0.043, -0.057, -0.029, true, "A fell 0.043 below baseline 0.655"),
        ];

        Assert.Equal(2, store.RecordVerdicts(verdicts));

        Assert.Equal(verdicts.OrderBy(v => v.Recipe, StringComparer.Ordinal), store.GetVerdicts(current));
        Assert.Empty(store.GetVerdicts(baseline));
    }

    [Fact]
    public void A_gate_record_is_kept_with_its_verdicts_the_latest_read_back_and_the_first_document_makes_the_file_version_5()
    {
        var verdict = (long snapshot) => new StoredVerdict(snapshot, "a", "pass", null, null, null, null, false, null);
        long current;
        using (var store = LiteDbLedgerStore.Open(DbPath))
        {
            current = store.Append(SampleRuns.Draft("head"), [SampleRuns.Run("a")]).Snapshot.Id;
            Assert.Empty(store.GetGateSummaries([current]));
            store.RecordVerdicts([verdict(current)], GateSummary.OfMarkdown(current, "### first | a |"));
        }
        // An older Ledger's kept Markdown (as an import brings it) leaves the file at the version its runs need, which that Ledger still reads.
        Assert.Contains("""{"_id":"schema","version":3}""", LedgerDump.Of(DbPath));
        using (var store = LiteDbLedgerStore.Open(DbPath))
        {
            store.RecordVerdicts([verdict(current)], SampleGates.Document(current, "head", "a"));
            store.RecordVerdicts([verdict(current)], SampleGates.Document(current, "head", "a", Ledger.Core.Gating.VerdictKind.Improved));
        }
        var dump = LedgerDump.Of(DbPath);
        Assert.Contains("""{"_id":"schema","version":5}""", dump);
        using (var store = LiteDbLedgerStore.Open(DbPath))
        {
            store.RecordVerdicts([verdict(current)], SampleGates.Document(current, "head", "a", Ledger.Core.Gating.VerdictKind.Improved));
            Assert.Equal(SampleGates.Document(current, "head", "a", Ledger.Core.Gating.VerdictKind.Improved), store.GetGateSummaries([current])[current]);
        }
        Assert.Equal(dump, LedgerDump.Of(DbPath)); // an identical rerun adds nothing
    }

    [Fact]
    public void The_latest_fit_and_verdict_of_a_recipe_are_the_current_ones_and_identical_reruns_add_nothing()
    {
        using var store = LiteDbLedgerStore.Open(DbPath);
        var id = store.Append(SampleRuns.Draft(), [SampleRuns.Run()]).Snapshot.Id;
        var pass = new StoredVerdict(id, "grpo-b512", "pass", null, 0.001, -0.01, 0.012, false, null);

        Assert.Equal(1, store.RecordFits(id, [SampleRuns.Fit(inputDigest: "input-1")]));
        Assert.Equal(0, store.RecordFits(id, [SampleRuns.Fit(inputDigest: "input-1")]));
        Assert.Equal(1, store.RecordFits(id, [SampleRuns.Fit(inputDigest: "input-2"), SampleRuns.Fit(inputDigest: "input-2")]));
        Assert.Equal(1, store.RecordVerdicts([pass]));
        Assert.Equal(0, store.RecordVerdicts([pass]));
        Assert.Equal(1, store.RecordVerdicts([pass with { Verdict = "allowed", Reason = "accepted in review" }]));

        Assert.Equal("input-2", Assert.Single(store.GetFits(id)).InputDigest);
        Assert.Equal("allowed", Assert.Single(store.GetVerdicts(id)).Verdict);
        Assert.Equal("input-1", store.FindFit("input-1")?.InputDigest);
    }

    [Fact]
    public void Recording_for_a_snapshot_that_does_not_exist_is_refused()
    {
        using var store = LiteDbLedgerStore.Open(DbPath);

        Assert.Throws<ArgumentException>(() => store.RecordFits(42, [SampleRuns.Fit()]));
        Assert.Throws<ArgumentException>(() => store.RecordVerdicts([new(42, "a", "pass", null, null, null, null, false, null)]));
    }
}
