using Ledger.Core.Diagnostics;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Core.Tests.Pipeline;

/// <summary>`ledger gate` on a real ledger file: which baseline is chosen, what is decided, and what is recorded.</summary>
public sealed class GateUseCaseTests : IDisposable
{
    private static readonly FitOptions Options = new() { BootstrapResamples = 100 };
    private static readonly DateOnly Today = new(2026, 11, 23);
    private readonly TempFolder _folder = new();
    private readonly LiteDbLedgerStore _store;

    public GateUseCaseTests() => _store = LiteDbLedgerStore.Open(_folder.File("ledger.db"));

    [Fact]
    public void The_first_build_has_no_baseline_and_every_recipe_is_new()
    {
        Append("c1", "main", 0.8, 1);

        var outcome = GateUseCase.Run(Request("c1", "main"), _store);

        Assert.Null(outcome.Baseline);
        Assert.Null(outcome.Report.Baseline);
        Assert.All(outcome.Report.Verdicts, v => Assert.Equal(VerdictKind.New, v.Verdict));
        Assert.False(outcome.Failed);
    }

    [Fact]
    public void On_the_baseline_branch_the_previous_snapshot_is_the_baseline_and_fits_and_verdicts_are_recorded()
    {
        var first = Append("c1", "main", 0.8, 1);
        var second = Append("c2", "main", 0.8, 11);

        var outcome = GateUseCase.Run(Request("c2", "main"), _store);

        Assert.Equal(first.Id, outcome.Baseline!.Id);
        Assert.Equal("main@c1", outcome.Report.Baseline);
        Assert.Equal([VerdictKind.Pass, VerdictKind.Pass], outcome.Report.Verdicts.Select(v => v.Verdict));
        Assert.Equal(["grpo", "ppo"], _store.GetFits(first.Id).Select(f => f.Recipe));
        Assert.Equal(["grpo", "ppo"], _store.GetFits(second.Id).Select(f => f.Recipe));
        var verdicts = _store.GetVerdicts(second.Id);
        Assert.Equal([("grpo", "pass", (long?)first.Id), ("ppo", "pass", first.Id)], verdicts.Select(v => (v.Recipe, v.Verdict, v.BaselineSnapshotId)));
    }

    [Fact]
    public void A_branch_is_compared_with_the_newest_older_main_snapshot_and_a_drop_of_A_regresses_naming_its_run_logs()
    {
        Append("c1", "main", 0.8, 1);
        var main = Append("c2", "main", 0.8, 11);
        Append("f1", "feature", 0.7, 21);
        Append("c3", "main", 0.8, 31); // newer than the branch's snapshot: not its baseline

        var outcome = GateUseCase.Run(Request("f1", "feature"), _store);

        Assert.Equal(main.Id, outcome.Baseline!.Id);
        Assert.True(outcome.Failed);
        var grpo = outcome.Report.Verdicts.Single(v => v.Recipe == "grpo");
        Assert.Equal(VerdictKind.Regressed, grpo.Verdict);
        Assert.InRange(grpo.DeltaA!.Value, -0.12, -0.08);
        Assert.Equal(["runs/grpo/seed21.csv", "runs/grpo/seed22.csv", "runs/grpo/seed23.csv"], outcome.Report.SourcesByRecipe["grpo"]);
        Assert.Equal(VerdictKind.Pass, outcome.Report.Verdicts.Single(v => v.Recipe == "ppo").Verdict);
    }

    [Fact]
    public void A_pull_request_compares_with_its_target_branch_and_an_explicit_baseline_wins()
    {
        var release = Append("r1", "release", 0.7, 1);
        var main = Append("c0ffee1", "main", 0.8, 11);
        Append("f1", "feature", 0.7, 21);
        var pullRequest = new Dictionary<string, string> { ["GITHUB_SHA"] = "f1", ["GITHUB_HEAD_REF"] = "feature", ["GITHUB_BASE_REF"] = "release" };

        var targeted = GateUseCase.Run(Request(null, null, environment: pullRequest), _store);
        var explicitBranch = GateUseCase.Run(Request(null, null, baseline: "main", environment: pullRequest), _store);
        var explicitCommit = GateUseCase.Run(Request("f1", "feature", baseline: "C0FFEE"), _store);

        Assert.Equal((release.Id, false), (targeted.Baseline!.Id, targeted.Failed));
        Assert.Equal((main.Id, true), (explicitBranch.Baseline!.Id, explicitBranch.Failed));
        Assert.Equal(main.Id, explicitCommit.Baseline!.Id);
        var unknown = Assert.Throws<LedgerInputException>(() => GateUseCase.Run(Request("f1", "feature", baseline: "abcdef1"), _store));
        Assert.Equal(ErrorCodes.UnknownBaseline, unknown.Code);
        Assert.Null(GateUseCase.Run(Request("f1", "feature", baseline: "no-such-branch"), _store).Baseline);
    }

    [Fact]
    public void An_active_allow_list_entry_allows_the_regression_and_an_expired_one_does_not()
    {
        Append("c1", "main", 0.8, 1);
        Append("f1", "feature", 0.7, 21);
        AllowList Until(DateOnly date) => new([new AllowEntry("grpo", "the smaller batch is expected to cost A", date, null)]);

        var allowed = GateUseCase.Run(Request("f1", "feature") with { AllowList = Until(Today) }, _store);
        var expired = GateUseCase.Run(Request("f1", "feature") with { AllowList = Until(Today.AddDays(-1)) }, _store);

        Assert.Equal((VerdictKind.Allowed, false), (allowed.Report.Verdicts.Single(v => v.Recipe == "grpo").Verdict, allowed.Failed));
        Assert.Equal((VerdictKind.Regressed, true), (expired.Report.Verdicts.Single(v => v.Recipe == "grpo").Verdict, expired.Failed));
        Assert.True(expired.Report.Verdicts.Single(v => v.Recipe == "grpo").AllowanceExpired);
    }

    [Fact]
    public void A_baseline_that_cannot_tell_A_falls_back_to_the_newest_snapshot_of_the_branch_that_could_and_says_so()
    {
        var identified = Append("c1", "main", 0.8, 1);
        // The next main build's grpo runs stop before the bend: that baseline cannot tell A.
        _store.Append(new SnapshotDraft("c2", "main", DateTimeOffset.UnixEpoch),
        [
            .. Enumerable.Range(11, 3).Select(s => SnapshotFitsTests.Run("grpo", s, 0.8)).Select(run => run with { Points = run.Points.Take(8).ToList() }),
            .. Enumerable.Range(111, 3).Select(s => SnapshotFitsTests.Run("ppo", s, 0.7)),
        ]);
        Append("f1", "feature", 0.7, 21);

        var outcome = GateUseCase.Run(Request("f1", "feature"), _store);

        var grpo = outcome.Report.Verdicts.Single(v => v.Recipe == "grpo");
        Assert.Equal("main@c2", outcome.Report.Baseline);
        Assert.Equal(VerdictKind.Regressed, grpo.Verdict);
        Assert.Equal("the baseline main@c2 could not tell A; compared with main@c1, the newest snapshot of main that could", grpo.BaselineNote);
        Assert.Contains("compared with main@c1", grpo.Reason);
        Assert.Equal(FitRecords.ToCurveFit(_store.GetFits(identified.Id).Single(f => f.Recipe == "grpo")).IdentifiedAsymptote!.Value, grpo.BaselineA);
    }

    [Fact]
    public void Training_that_broke_regresses_on_the_seeds_metric_when_its_fit_cannot_tell_A()
    {
        Append("c1", "main", 0.8, 1);
        _store.Append(new SnapshotDraft("f1", "feature", DateTimeOffset.UnixEpoch),
        [
            .. Enumerable.Range(21, 3).Select(s => SnapshotFitsTests.Run("grpo", s, 0.8))
                .Select(run => run with { Points = run.Points.Select((p, i) => p with { Reward = 0.05 + 0.002 * Math.Sin(i + run.Points.Count) }).ToList() }),
            .. Enumerable.Range(121, 3).Select(s => SnapshotFitsTests.Run("ppo", s, 0.7)),
        ]);

        var outcome = GateUseCase.Run(Request("f1", "feature"), _store);

        var grpo = outcome.Report.Verdicts.Single(v => v.Recipe == "grpo");
        Assert.True(outcome.Failed);
        Assert.Equal(VerdictKind.Regressed, grpo.Verdict);
        Assert.NotNull(grpo.Window);
        Assert.InRange(grpo.Window!.Delta, -0.8, -0.6);
        Assert.Null(grpo.DeltaA);
    }

    [Fact]
    public void One_seed_recipes_borrow_the_seed_spread_of_the_ledger_s_other_recipes_of_the_same_metric()
    {
        Append("c1", "main", 0.8, 1);
        Append("c2", "main", 0.8, 11);
        _store.Append(new SnapshotDraft("f1", "feature", DateTimeOffset.UnixEpoch),
            [SnapshotFitsTests.Run("grpo", 31, 0.8), .. Enumerable.Range(131, 3).Select(s => SnapshotFitsTests.Run("ppo", s, 0.7))]);

        var lone = GateUseCase.Run(Request("f1", "feature"), _store).Report.Verdicts.Single(v => v.Recipe == "grpo");
        var stated = GateUseCase.Run(Request("f1", "feature") with { Gate = new GateOptions { SeedSd = 0.01 } }, _store).Report.Verdicts.Single(v => v.Recipe == "grpo");

        Assert.StartsWith("1 seed, seed spread from the prior (pooled over ", lone.Uncertainty);
        Assert.NotNull(lone.PValue);
        Assert.Equal("1 seed, seed spread from the prior (--seed-sd 0.01)", stated.Uncertainty);
        Assert.NotNull(stated.PValue);
    }

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    /// <summary>A build with recipe grpo (ceiling <paramref name="grpoA"/>) and ppo (0.7), three seeds each.</summary>
    [Fact]
    public void With_a_fit_window_only_the_points_inside_it_are_held_against_the_baseline_s_band()
    {
        var windowed = Options with { Window = new ComputeWindow(2000, null) };
        Append("c1", "main", 0.8, 1);
        // The next build's grpo runs start 0.1 higher (a new warm-up), then follow the same curve; the window leaves the start out.
        var shifted = Enumerable.Range(11, 3).Select(s => SnapshotFitsTests.Run("grpo", s, 0.8))
            .Select(run => run with { Points = run.Points.Select(p => p.Compute < 2000 ? p with { Reward = p.Reward + 0.1 } : p).ToList() })
            .ToList();
        _store.Append(new SnapshotDraft("c2", "main", DateTimeOffset.UnixEpoch), [.. shifted, .. Enumerable.Range(111, 3).Select(s => SnapshotFitsTests.Run("ppo", s, 0.7))]);

        var outcome = GateUseCase.Run(Request("c2", "main") with { Fit = windowed }, _store);

        var grpo = outcome.Report.Verdicts.Single(v => v.Recipe == "grpo");
        Assert.Equal((VerdictKind.Pass, false), (grpo.Verdict, grpo.RegimeChange));
        // Every point held against the same band would flag it: the start lies off the curve the window fitted.
        var baselineFit = FitRecords.ToCurveFit(_store.GetFits(outcome.Baseline!.Id).Single(f => f.Recipe == "grpo"));
        Assert.True(RegimeChange.Detect(baselineFit, shifted.SelectMany(run => run.Points).ToList()));
    }

    private Snapshot Append(string commit, string branch, double grpoA, int seed) =>
        _store.Append(new SnapshotDraft(commit, branch, DateTimeOffset.UnixEpoch),
        [
            .. Enumerable.Range(seed, 3).Select(s => SnapshotFitsTests.Run("grpo", s, grpoA)),
            .. Enumerable.Range(seed + 100, 3).Select(s => SnapshotFitsTests.Run("ppo", s, 0.7)),
        ]).Snapshot;

    private GateRequest Request(string? commit, string? branch, string? baseline = null, Dictionary<string, string>? environment = null) =>
        new(commit, branch, _folder.Path, name => environment?.GetValueOrDefault(name), baseline, Options, new GateOptions(), AllowList.Empty, Today);
}
