using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Core.Tests.Storage;

/// <summary>Content addressing and the snapshot rule: one snapshot per commit and branch, holding that build's runs.</summary>
public sealed class LedgerAppendTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly LiteDbLedgerStore _store;

    public LedgerAppendTests() => _store = LiteDbLedgerStore.Open(_folder.File("ledger.db"));

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void Appending_the_same_run_twice_stores_it_once_and_reports_it_as_already_there()
    {
        var run = SampleRuns.Run();

        var first = _store.Append(SampleRuns.Draft(), [run]);
        var second = _store.Append(SampleRuns.Draft(), [run]);

        Assert.Equal((1, 0), (first.NewRuns, first.ExistingRuns));
        Assert.Equal((0, 1), (second.NewRuns, second.ExistingRuns));
        Assert.Equal(first.Snapshot.Id, second.Snapshot.Id);
        Assert.Equal([RunDigest.Compute(run)], Assert.Single(_store.GetSnapshots()).Recipes["grpo-b512"]);
        Assert.Contains("# runs 1\n", LedgerDump.Of(_folder.File("ledger.db")));
    }

    [Fact]
    public void The_same_content_from_another_path_is_the_same_run_and_keeps_its_first_path()
    {
        var original = SampleRuns.Run(path: "runs/a.csv");
        var copy = original with { SourcePath = "/mnt/other/a-copy.csv", RunName = "copy" };

        _store.Append(SampleRuns.Draft(), [original]);
        var result = _store.Append(SampleRuns.Draft("next"), [copy]);

        Assert.Equal((0, 1), (result.NewRuns, result.ExistingRuns));
        Assert.Equal("runs/a.csv", Assert.Single(_store.GetRuns([RunDigest.Compute(copy)])).SourcePath);
    }

    [Fact]
    public void A_repeat_within_one_call_counts_as_already_there()
    {
        var result = _store.Append(SampleRuns.Draft(), [SampleRuns.Run(), SampleRuns.Run(path: "again.csv")]);

        Assert.Equal((1, 1), (result.NewRuns, result.ExistingRuns));
    }

    [Fact]
    public void A_second_append_under_the_same_commit_and_branch_grows_that_snapshot()
    {
        var first = _store.Append(SampleRuns.Draft(), [SampleRuns.Run("a", 1)]);
        var second = _store.Append(SampleRuns.Draft() with { Time = SampleRuns.Time.AddHours(1) }, [SampleRuns.Run("a", 2), SampleRuns.Run("b", 1)]);

        Assert.Equal(first.Snapshot.Id, second.Snapshot.Id);
        Assert.Equal(SampleRuns.Time, second.Snapshot.Time);
        Assert.Equal([RunDigest.Compute(SampleRuns.Run("a", 1)), RunDigest.Compute(SampleRuns.Run("a", 2))], second.Snapshot.Recipes["a"]);
        Assert.Equal(second.Snapshot.Recipes, Assert.Single(_store.GetSnapshots()).Recipes);
    }

    [Fact]
    public void A_new_commit_gets_a_new_snapshot_holding_only_the_runs_appended_under_it()
    {
        var old = _store.Append(SampleRuns.Draft("c1"), [SampleRuns.Run("a", 1), SampleRuns.Run("b", 1)]);
        var next = _store.Append(SampleRuns.Draft("c2"), [SampleRuns.Run("a", 1)]);

        Assert.True(next.Snapshot.Id > old.Snapshot.Id);
        Assert.Equal(["a"], next.Snapshot.Recipes.Keys);
        Assert.Equal((0, 1), (next.NewRuns, next.ExistingRuns));
        Assert.Equal(["a", "b"], _store.GetSnapshots().SingleOrDefault(s => s.Id == old.Snapshot.Id)?.Recipes.Keys);
    }

    [Fact]
    public void Snapshots_are_found_by_branch_and_commit_case_sensitively_oldest_first()
    {
        var c1Main = _store.Append(SampleRuns.Draft("c1", "main"), [SampleRuns.Run()]).Snapshot.Id;
        var c1Feature = _store.Append(SampleRuns.Draft("c1", "feature/x"), [SampleRuns.Run()]).Snapshot.Id;
        var c2Main = _store.Append(SampleRuns.Draft("c2", "main"), [SampleRuns.Run()]).Snapshot.Id;
        var c3Upper = _store.Append(SampleRuns.Draft("c3", "Main"), [SampleRuns.Run()]).Snapshot.Id;

        Assert.Equal([c1Main, c1Feature, c2Main, c3Upper], _store.GetSnapshots().Select(s => s.Id));
        Assert.Equal([c1Main, c2Main], _store.GetSnapshots(branch: "main").Select(s => s.Id));
        Assert.Equal([c1Main, c1Feature], _store.GetSnapshots(commit: "c1").Select(s => s.Id));
        Assert.Equal([c1Feature], _store.GetSnapshots(branch: "feature/x", commit: "c1").Select(s => s.Id));
        Assert.Empty(_store.GetSnapshots(branch: "MAIN"));
    }

    [Fact]
    public void Runs_come_back_in_the_order_asked_and_unknown_digests_are_left_out()
    {
        var a = SampleRuns.Run("a");
        var b = SampleRuns.Run("b");
        _store.Append(SampleRuns.Draft(), [a, b]);

        var runs = _store.GetRuns([RunDigest.Compute(b), new string('0', 64), RunDigest.Compute(a)]);

        Assert.Equal(["b", "a"], runs.Select(r => r.Recipe));
    }
}
