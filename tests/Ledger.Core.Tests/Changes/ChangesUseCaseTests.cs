using Ledger.Core.Changes;
using Ledger.Core.Diagnostics;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting;
using Ledger.Core.Storage.LiteDb;
using Ledger.Core.Tests.Support;

namespace Ledger.Core.Tests.Changes;

/// <summary>
/// `ledger changes` on a real ledger file: 24 builds of main, each fitted as `ledger fit` leaves it; recipe stepper steps
/// down 0.05 at build 8 and back up 0.04 at build 16, steady never moves. The changes come from the stored fits alone,
/// the ledger is left as it was, and an acknowledged change is not reported again.
/// </summary>
public sealed class ChangesUseCaseTests : IDisposable
{
    private const int Builds = 24;
    private readonly TempFolder _folder = new();
    private readonly LiteDbLedgerStore _store;

    public ChangesUseCaseTests()
    {
        _store = LiteDbLedgerStore.Open(_folder.File("ledger.db"));
        var ledger = new SimulatedLedger(_store, seed: 7);
        for (var i = 0; i < Builds; i++)
            ledger.Fit(i, new Dictionary<string, double> { ["steady"] = 0.78, ["stepper"] = i < 8 ? 0.80 : i < 16 ? 0.75 : 0.79 });
    }

    [Fact]
    public void Each_step_is_named_at_its_build_from_the_stored_fits_and_the_ledger_is_left_as_it_was()
    {
        _store.Dispose();
        var before = File.ReadAllBytes(_folder.File("ledger.db"));
        using var store = LiteDbLedgerStore.OpenExisting(_folder.File("ledger.db"));

        var outcome = ChangesUseCase.Run(Request(), store);

        Assert.Equal("main", outcome.Branch);
        Assert.Equal(["steady", "stepper"], outcome.Recipes.Select(r => r.Series.Recipe));
        Assert.Equal(Builds, outcome.Recipes[1].Series.Observations.Count);
        var changes = outcome.Changes;
        Assert.Equal(["stepper", "stepper"], changes.Select(c => c.Recipe));
        Assert.Equal([(7, 8), (15, 16)], changes.Select(c => (HistorySimulation.Position(c.PreviousCommit), HistorySimulation.Position(c.Commit))));
        Assert.InRange(changes[0].Delta, -0.06, -0.04);
        Assert.InRange(changes[1].Delta, 0.03, 0.05);
        Assert.All(changes, c => Assert.Equal(ChangeKind.Step, c.Kind));
        Assert.InRange(changes[0].After.Value, changes[1].Before.Value - 1e-12, changes[1].Before.Value + 1e-12);
        store.Dispose();
        Assert.Equal(before, File.ReadAllBytes(_folder.File("ledger.db")));
    }

    [Fact]
    public void A_fit_recorded_on_many_snapshots_is_one_measurement_and_a_snapshot_without_a_stored_fit_is_not_refitted()
    {
        // Build 24 has the runs of build 23 again (a commit that reran nothing); build 25 is appended but never fitted.
        var runs = _store.GetSnapshots("main")[^1].Recipes.Values.SelectMany(d => d).ToList();
        var again = _store.Append(new Ledger.Core.Storage.SnapshotDraft(HistorySimulation.Commit(24), "main", DateTimeOffset.UnixEpoch), _store.GetRuns(runs)
            .Select(r => new Ledger.Core.Ingest.RunLog(r.Recipe, r.RunName, r.SourcePath, r.Format, r.ComputeMapping, r.RewardColumn, r.Points, r.Tags)).ToList()).Snapshot;
        FitUseCase.ForSnapshot(_store, again, GateSimulation.Fit);
        var unfitted = new SimulatedLedger(_store, seed: 99).Append(25, new Dictionary<string, double> { ["steady"] = 0.78, ["stepper"] = 0.79 });

        var outcome = ChangesUseCase.Run(Request(), _store);

        var stepper = outcome.Recipes.Single(r => r.Series.Recipe == "stepper").Series;
        Assert.Equal(Builds, stepper.Observations.Count);
        Assert.Equal((23, 24), (stepper.Observations[^1].First, stepper.Observations[^1].Last));
        Assert.Equal(Builds + 2, stepper.Commits.Count);
        Assert.Equal(new Dictionary<string, int> { ["steady"] = 1, ["stepper"] = 1 }, outcome.History.Unfitted);
        Assert.Empty(_store.GetFits(unfitted.Id));
        Assert.Contains("2 recipes had no stored fit made with these fit options in 2 snapshots (counted for each recipe), which were not read", ChangesText.Write(outcome));
    }

    [Fact]
    public void A_snapshot_s_runs_are_measured_by_the_fit_of_the_same_runs_wherever_it_was_recorded_and_a_fit_of_other_runs_is_not_used()
    {
        // Build 24 holds build 23's runs but was never fitted itself; build 23 then gains a run after its fit was recorded.
        AppendBuild23sRunsAsBuild24();
        var before = ChangesUseCase.Run(Request(), _store);
        new SimulatedLedger(_store, seed: 5).Append(Builds - 1, new Dictionary<string, double> { ["stepper"] = 0.79 });

        var after = ChangesUseCase.Run(Request(), _store);

        var measured = before.Recipes.Single(r => r.Series.Recipe == "stepper").Series.Observations[^1];
        Assert.Equal((Builds - 1, Builds), (measured.First, measured.Last));
        Assert.Equal(0, before.History.Unfitted["stepper"]);
        // Build 23's fit is of runs it no longer holds, and build 24's runs have no fit on a snapshot that holds them: neither is measured.
        var stale = after.Recipes.Single(r => r.Series.Recipe == "stepper").Series.Observations[^1];
        Assert.Equal((Builds - 2, Builds - 2), (stale.First, stale.Last));
        Assert.Equal(2, after.History.Unfitted["stepper"]);
        Assert.Equal(0, after.History.Unfitted["steady"]);
    }

    [Fact]
    public void Since_and_recipe_narrow_what_is_read_and_unknown_names_are_input_errors()
    {
        var since = ChangesUseCase.Run(Request() with { Since = HistorySimulation.Commit(10)[..9] }, _store);
        var steady = ChangesUseCase.Run(Request() with { Recipe = "steady" }, _store);

        Assert.Equal([16], since.Changes.Select(c => HistorySimulation.Position(c.Commit)));
        Assert.Equal(Builds - 10, since.History.Snapshots.Count);
        Assert.Equal(["steady"], steady.Recipes.Select(r => r.Series.Recipe));
        Assert.Empty(steady.Changes);
        Assert.Equal(ErrorCodes.UnknownBaseline, Assert.Throws<LedgerInputException>(() => ChangesUseCase.Run(Request() with { Since = "abcdef1" }, _store)).Code);
        Assert.Equal(ErrorCodes.NoSnapshot, Assert.Throws<LedgerInputException>(() => ChangesUseCase.Run(Request() with { Recipe = "nope" }, _store)).Code);
        Assert.Equal(ErrorCodes.NoSnapshot, Assert.Throws<LedgerInputException>(() => ChangesUseCase.Run(Request() with { Branch = "nope" }, _store)).Code);
    }

    [Fact]
    public void Fits_made_with_other_options_are_not_read_and_not_looked_for_beyond_the_snapshots_that_hold_every_run_set()
    {
        // Build 24 holds build 23's runs and was never fitted: build 23 would be read only to look for a fit build 24 lacks.
        AppendBuild23sRunsAsBuild24();
        var store = new ReadCountingStore(_store);

        var outcome = ChangesUseCase.Run(Request() with { Fit = GateSimulation.Fit with { Model = CurveModelKind.Sigmoid } }, store);

        Assert.Empty(outcome.Changes);
        Assert.All(outcome.Recipes, r => Assert.Empty(r.Series.Observations));
        Assert.Equal(2 * (Builds + 1), outcome.History.Unfitted.Values.Sum());
        var build23 = _store.GetSnapshots(commit: HistorySimulation.Commit(Builds - 1)).Single().Id;
        Assert.Equal(2 * Builds, store.FitCellsAsked.Count);
        Assert.DoesNotContain(store.FitCellsAsked, cell => cell.SnapshotId == build23);
    }

    [Fact]
    public void A_fit_is_still_looked_for_on_the_other_snapshots_of_its_runs_when_the_snapshots_read_first_hold_no_fit_at_all()
    {
        AppendBuild23sRunsAsBuild24();
        var store = new ReadCountingStore(_store);

        var outcome = ChangesUseCase.Run(Request() with { Since = HistorySimulation.Commit(Builds - 1) }, store);

        Assert.All(outcome.Recipes, r => Assert.Equal([(0, 1)], r.Series.Observations.Select(o => (o.First, o.Last))));
        Assert.Equal(0, outcome.History.Unfitted.Values.Sum());
        Assert.Equal(4, store.FitCellsAsked.Count);
    }

    [Fact]
    public void An_acknowledged_change_is_not_reported_again_and_the_history_is_read_from_its_new_level()
    {
        var first = ChangesUseCase.Run(Request(), _store).Changes[0];
        File.WriteAllText(_folder.File("ledger.allow.json"), $$"""
            { "acknowledged": [
                { "recipe": "stepper", "commit": "{{first.Commit[..7]}}", "reason": "the smaller batch costs A, agreed in #140" } ] }
            """);

        var outcome = ChangesUseCase.Run(Request() with { AllowList = AllowList.Load(_folder.File("ledger.allow.json"), mustExist: true) }, _store);

        var change = Assert.Single(outcome.Changes);
        Assert.Equal(16, HistorySimulation.Position(change.Commit));
        var stepper = outcome.Recipes.Single(r => r.Series.Recipe == "stepper");
        var acknowledged = Assert.Single(stepper.Acknowledged);
        Assert.Equal(first.Commit, acknowledged.Change!.Commit);
        // Two stretches: up to build 7, and from build 8 (the new level) on, read afresh.
        Assert.Equal([(0, 7), (8, Builds - 1)], stepper.Stretches.Select(s => (s.Plateaus[0].First, s.Plateaus[^1].Last)));
        Assert.Contains("acknowledged -0.", ChangesText.Write(outcome));
        Assert.DoesNotContain(first.Commit, ChangesJson.Write(outcome));
    }

    [Fact]
    public void Acknowledging_the_later_change_keeps_the_earlier_one()
    {
        var later = ChangesUseCase.Run(Request(), _store).Changes[1];
        var allowList = new AllowList([], [new Acknowledgement("stepper", later.Commit, "the fix was expected")]);

        var outcome = ChangesUseCase.Run(Request() with { AllowList = allowList }, _store);

        Assert.Equal([8], outcome.Changes.Select(c => HistorySimulation.Position(c.Commit)));
    }

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    private void AppendBuild23sRunsAsBuild24()
    {
        var latest = _store.GetSnapshots("main")[^1];
        var runs = _store.GetRuns(latest.Recipes.Values.SelectMany(d => d).ToList())
            .Select(r => new Ledger.Core.Ingest.RunLog(r.Recipe, r.RunName, r.SourcePath, r.Format, r.ComputeMapping, r.RewardColumn, r.Points, r.Tags)).ToList();
        _store.Append(new Ledger.Core.Storage.SnapshotDraft(HistorySimulation.Commit(Builds), "main", DateTimeOffset.UnixEpoch), runs);
    }

    private static ChangesRequest Request() => new(null, null, null, GateSimulation.Fit, null, AllowList.Empty);
}
