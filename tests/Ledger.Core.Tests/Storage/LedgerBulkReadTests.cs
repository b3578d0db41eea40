using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Core.Tests.Storage;

/// <summary>
/// The store's reads of many snapshots in one call, on a real ledger file: they give what the reads of one snapshot
/// give, for the snapshots and recipes asked for and nothing else.
/// </summary>
public sealed class LedgerBulkReadTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private string DbPath => _folder.File("ledger.db");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Fits_of_some_recipes_are_each_snapshots_current_fits_of_those_recipes_only()
    {
        long first, second, third;
        using (var store = LiteDbLedgerStore.Open(DbPath))
        {
            first = store.Append(SampleRuns.Draft("c1"), [SampleRuns.Run("a"), SampleRuns.Run("b"), SampleRuns.Run("c")]).Snapshot.Id;
            second = store.Append(SampleRuns.Draft("c2"), [SampleRuns.Run("a"), SampleRuns.Run("b")]).Snapshot.Id;
            third = store.Append(SampleRuns.Draft("c3"), [SampleRuns.Run("a")]).Snapshot.Id;
            store.RecordFits(first, [SampleRuns.Fit("c", "c-1"), SampleRuns.Fit("a", "a-1"), SampleRuns.Fit("b", "b-1"), SampleRuns.Fit("a", "a-1", model: "power")]);
            // A later record of the same recipe and model replaces the earlier one as the snapshot's current fit.
            store.RecordFits(first, [SampleRuns.Fit("a", "a-2")]);
            store.RecordFits(second, [SampleRuns.Fit("b", "b-3"), SampleRuns.Fit("a", "a-3")]);
        }

        using var reopened = LiteDbLedgerStore.Open(DbPath);
        var fits = reopened.GetFits([new(first, "a"), new(first, "c"), new(second, "b"), new(third, "a")]);

        Assert.Equal([first, second, third], fits.Keys.Order());
        // Structurally: a fit's parameters are an array, which record equality compares by reference.
        Assert.Equivalent(reopened.GetFits(first).Where(f => f.Recipe is "a" or "c"), fits[first], strict: true);
        Assert.Equal([("a", "power", "a-1"), ("a", "sigmoid4", "a-2"), ("c", "sigmoid4", "c-1")],
            fits[first].Select(f => (f.Recipe, f.Model, f.InputDigest)));
        Assert.Equivalent(SampleRuns.Fit("b", "b-3"), Assert.Single(fits[second]), strict: true);
        Assert.Empty(fits[third]);
    }

    [Fact]
    public void Fits_recorded_far_apart_in_the_file_are_read_as_they_were_recorded_and_no_other_snapshot_s_in_their_place()
    {
        long first, second;
        var many = Enumerable.Range(0, 40).Select(i => $"r{i:00}").ToList();
        using (var store = LiteDbLedgerStore.Open(DbPath))
        {
            first = store.Append(SampleRuns.Draft("c1"), [SampleRuns.Run("a"), SampleRuns.Run("b")]).Snapshot.Id;
            second = store.Append(SampleRuns.Draft("c2"), many.Select(recipe => SampleRuns.Run(recipe)).ToList()).Snapshot.Id;
            store.RecordFits(first, [SampleRuns.Fit("a", "a-1")]);
            // 40 records of another snapshot between the first snapshot's two: its fits lie in two ranges of ids.
            store.RecordFits(second, many.Select(recipe => SampleRuns.Fit(recipe, recipe + "-1")).ToList());
            store.RecordFits(first, [SampleRuns.Fit("b", "b-1")]);
        }

        using var reopened = LiteDbLedgerStore.OpenReadOnly(DbPath);
        var fits = reopened.GetFits([new(first, "a"), new(first, "b"), new(second, "r00"), new(second, "r39")]);

        Assert.Equal([("a", "a-1"), ("b", "b-1")], fits[first].Select(f => (f.Recipe, f.InputDigest)));
        Assert.Equal([("r00", "r00-1"), ("r39", "r39-1")], fits[second].Select(f => (f.Recipe, f.InputDigest)));
        Assert.Equivalent(reopened.GetFits(first), fits[first], strict: true);
    }

    [Fact]
    public void Reading_fits_in_many_ranges_compiles_no_query_of_its_own_for_each()
    {
        // 24 snapshots whose fits lie 20 records apart: 24 ranges of ids. LiteDB compiles each distinct query text once
        // per process and keeps it; a range written into the text (BETWEEN 5 AND 5) compiled two delegates per range,
        // thousands in a report.
        var snapshots = new List<long>();
        using (var store = LiteDbLedgerStore.Open(DbPath))
        {
            var filler = store.Append(SampleRuns.Draft("filler"), [SampleRuns.Run("z")]).Snapshot.Id;
            for (var i = 0; i < 24; i++)
            {
                var id = store.Append(SampleRuns.Draft($"c{i}"), [SampleRuns.Run("a")]).Snapshot.Id;
                snapshots.Add(id);
                store.RecordFits(id, [SampleRuns.Fit("a", $"a-{i}")]);
                store.RecordFits(filler, Enumerable.Range(0, 20).Select(k => SampleRuns.Fit("z", $"z-{i}-{k}", model: $"m{k}")).ToList());
            }
        }
        using var reopened = LiteDbLedgerStore.OpenReadOnly(DbPath);
        // The first half once, so that every path is compiled; then the other half, whose ranges are all new.
        Assert.Equal(12, reopened.GetFits(snapshots.Take(12).Select(id => new SnapshotRecipe(id, "a")).ToList()).Count);
        var before = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true);

        var fits = reopened.GetFits(snapshots.Skip(12).Select(id => new SnapshotRecipe(id, "a")).ToList());

        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true) - before;
        Assert.Equal(Enumerable.Range(12, 12).Select(i => $"a-{i}"), snapshots.Skip(12).Select(id => Assert.Single(fits[id]).InputDigest));
        Assert.True(compiled < 12, $"{compiled} methods compiled to read 12 new ranges of fits");
    }

    [Fact]
    public void Verdicts_of_many_snapshots_are_each_snapshots_current_verdicts()
    {
        long first, second, third;
        using (var store = LiteDbLedgerStore.Open(DbPath))
        {
            first = store.Append(SampleRuns.Draft("c1"), [SampleRuns.Run("a"), SampleRuns.Run("b")]).Snapshot.Id;
            second = store.Append(SampleRuns.Draft("c2"), [SampleRuns.Run("a")]).Snapshot.Id;
            third = store.Append(SampleRuns.Draft("c3"), [SampleRuns.Run("a")]).Snapshot.Id;
            store.RecordVerdicts([Verdict(first, "b", "new"), Verdict(first, "a", "new"), Verdict(second, "a", "pass")]);
            store.RecordVerdicts([Verdict(second, "a", "regressed")]);
        }

        using var reopened = LiteDbLedgerStore.Open(DbPath);
        var verdicts = reopened.GetVerdicts([third, first, second]);

        Assert.Equal([first, second, third], verdicts.Keys.Order());
        foreach (var id in new[] { first, second, third })
            Assert.Equal(reopened.GetVerdicts(id), verdicts[id]);
        Assert.Equal(["a", "b"], verdicts[first].Select(v => v.Recipe));
        Assert.Equal("regressed", Assert.Single(verdicts[second]).Verdict);
        Assert.Empty(verdicts[third]);
    }

    [Fact]
    public void The_newest_gate_summary_is_the_latest_of_the_newest_snapshot_asked_for_that_has_one()
    {
        long first, second, third;
        using (var store = LiteDbLedgerStore.Open(DbPath))
        {
            first = store.Append(SampleRuns.Draft("c1"), [SampleRuns.Run("a")]).Snapshot.Id;
            second = store.Append(SampleRuns.Draft("c2"), [SampleRuns.Run("a")]).Snapshot.Id;
            third = store.Append(SampleRuns.Draft("c3"), [SampleRuns.Run("a")]).Snapshot.Id;
            store.RecordVerdicts([Verdict(first, "a", "new")], GateSummary.OfMarkdown(first, "### first"));
            store.RecordVerdicts([Verdict(second, "a", "pass")], SampleGates.Document(second, "c2"));
            store.RecordVerdicts([Verdict(second, "a", "pass")], SampleGates.Document(second, "c2", "b"));
        }

        using var reopened = LiteDbLedgerStore.Open(DbPath);

        var both = reopened.GetGateSummaries([first, third, second, second]);
        Assert.Equal([first, second], both.Keys.Order());
        Assert.Equal(SampleGates.Document(second, "c2", "b"), both[second]);
        Assert.Equal(GateSummary.OfMarkdown(first, "### first"), both[first]);
        Assert.Empty(reopened.GetGateSummaries([third]));
        Assert.Empty(reopened.GetGateSummaries([]));
    }

    private static StoredVerdict Verdict(long snapshot, string recipe, string verdict) =>
        new(snapshot, recipe, verdict, null, null, null, null, false, null);
}
