using Ledger.Core.Diagnostics;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Tests.Support;

namespace Ledger.Core.Tests.Gating;

public class GateRuleTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly FitOptions Fit = new() { BootstrapResamples = 200 };

    [Fact]
    public void Holm_rejects_step_down_on_the_textbook_p_values()
    {
        // Benjamini and Hochberg's (1995) 15 p-values at 0.05: Holm compares the i-th smallest with 0.05 / (16 - i) and stops
        // at the first that fails: 0.0095 > 0.05 / 12, so the three smallest are rejected (BH, more lenient, rejects four).
        double[] p = [0.0095, 0.0001, 0.0004, 0.0019, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000];
        var rejected = Holm.Reject(p, 0.05);
        Assert.Equal([false, true, true, true], rejected[..4]);
        Assert.Equal(3, rejected.Count(r => r));
        Assert.Equal([true], Holm.Reject([0.05], 0.05));
        Assert.Equal([false, false], Holm.Reject([0.03, 0.04], 0.05));
    }

    [Fact]
    public void Each_verdict_kind_comes_out_where_it_should()
    {
        var simulation = new RecipeSimulation(seed: 3);
        IReadOnlyList<RunLog> R(string recipe, double a, int seeds = 5, double maxCompute = 30000) => simulation.Runs(recipe, a, seeds, maxCompute);
        CurveFit F(IReadOnlyList<RunLog> runs) => RecipeFits.Fit(runs, Fit).Single().Fit;
        GateInput I(string recipe, IReadOnlyList<RunLog>? now, IReadOnlyList<RunLog>? before) =>
            new(recipe, now is null ? null : F(now), before is null ? null : F(before), [])
            {
                CurrentRuns = now?.Select(r => r.Points).ToList(),
                BaselineRuns = before?.Select(r => r.Points).ToList(),
            };
        var inputs = new List<GateInput>
        {
            I("same", R("same", 0.7), R("same", 0.7)),
            I("dropped", R("dropped", 0.6), R("dropped", 0.7)),
            I("gained", R("gained", 0.8), R("gained", 0.7)),
            I("allowed", R("allowed", 0.6), R("allowed", 0.7)),
            I("expired", R("expired", 0.6), R("expired", 0.7)),
            I("fresh", R("fresh", 0.7), null),
            I("gone", null, R("gone", 0.7)),
            I("early", R("early", 0.7, maxCompute: 1000), R("early", 0.7)),
            I("early-both", R("early-both", 0.7, maxCompute: 1000), R("early-both", 0.7, maxCompute: 1000)),
            I("broken", simulation.BrokenRuns("broken", 5), R("broken", 0.7)),
            I("lone", R("lone", 0.64, seeds: 1), R("lone", 0.7, seeds: 1)),
        };
        var allow = new AllowList([
            new AllowEntry("allowed", "new reward model", Today.AddDays(1), null),
            new AllowEntry("expired", "old excuse", Today.AddDays(-1), null),
        ]);

        var verdicts = GateRule.Decide(inputs, new GateOptions(), allow, "abc123", Today, SeedPriors.None).ToDictionary(v => v.Recipe);

        Assert.Equal(VerdictKind.Pass, verdicts["same"].Verdict);
        Assert.Equal(VerdictKind.Regressed, verdicts["dropped"].Verdict);
        Assert.InRange(verdicts["dropped"].DeltaA!.Value, -0.13, -0.07);
        Assert.True(verdicts["dropped"].DeltaInterval.Contains(-0.1));
        Assert.Equal(VerdictKind.Improved, verdicts["gained"].Verdict);
        Assert.Equal(VerdictKind.Allowed, verdicts["allowed"].Verdict);
        Assert.Contains("new reward model", verdicts["allowed"].Reason);
        Assert.Equal(VerdictKind.Regressed, verdicts["expired"].Verdict);
        Assert.True(verdicts["expired"].AllowanceExpired);
        Assert.Contains("expired", verdicts["expired"].Reason);
        Assert.Equal(VerdictKind.New, verdicts["fresh"].Verdict);
        Assert.Equal(VerdictKind.Missing, verdicts["gone"].Verdict);
        // The baseline identified A and this build cannot: no drop shows where both builds have points, but nothing
        // shows the ceiling held either.
        Assert.Equal(VerdictKind.Unverified, verdicts["early"].Verdict);
        Assert.Contains("nothing shows the recipe kept its ceiling", verdicts["early"].Reason);
        Assert.Equal(VerdictKind.Unidentified, verdicts["early-both"].Verdict);
        // Training that broke is no curve at all, and the seeds' metric says so.
        Assert.Equal(VerdictKind.Regressed, verdicts["broken"].Verdict);
        Assert.NotNull(verdicts["broken"].Window);
        Assert.InRange(verdicts["broken"].Window!.Delta, -0.75, -0.55);
        // One seed a side and no prior: an estimate 0.06 down, but no variance to claim it with.
        Assert.Equal(VerdictKind.Suspect, verdicts["lone"].Verdict);
        Assert.True(verdicts["lone"].Underpowered);
        Assert.Null(verdicts["lone"].PValue);
        Assert.Contains("underpowered: one seed and no seed-to-seed variance known", verdicts["lone"].Reason);
    }

    [Fact]
    public void An_unverified_recipe_fails_the_build_unless_told_to_warn()
    {
        var simulation = new RecipeSimulation(seed: 5);
        var input = new GateInput("early", RecipeFits.Fit(simulation.Runs("early", 0.7, 3, maxCompute: 1000), Fit).Single().Fit,
            RecipeFits.Fit(simulation.Runs("early", 0.7, 3), Fit).Single().Fit, []);
        GateReport Report(GateOptions options) => new("c", "main", "main@b", options,
            GateRule.Decide([input], options, AllowList.Empty, "c", Today, SeedPriors.None), new Dictionary<string, IReadOnlyList<string>>());

        Assert.True(Report(new GateOptions()).Failed);
        Assert.False(Report(new GateOptions { Unverified = UnverifiedPolicy.Warn }).Failed);
        var warning = Assert.Single(GateDiagnostic.Of(Report(new GateOptions { Unverified = UnverifiedPolicy.Warn })));
        Assert.Equal((DiagnosticSeverity.Warning, ErrorCodes.Unverified), (warning.Severity, warning.Code));
    }

    [Fact]
    public void For_a_metric_that_falls_a_rise_in_A_is_the_regression()
    {
        var simulation = new RecipeSimulation(seed: 4);
        CurveFit F(double a) => RecipeFits.Fit(simulation.Runs("loss", a, 5), Fit).Single().Fit;
        var input = new GateInput("loss", F(0.8), F(0.7), []);

        Assert.Equal(VerdictKind.Improved, GateRule.Decide([input], new GateOptions(), AllowList.Empty, "c", Today, SeedPriors.None).Single().Verdict);
        Assert.Equal(VerdictKind.Regressed, GateRule.Decide([input], new GateOptions { LowerIsBetter = true }, AllowList.Empty, "c", Today, SeedPriors.None).Single().Verdict);
    }

    [Fact]
    public void New_points_that_leave_the_baseline_band_flag_a_regime_change()
    {
        var truth = new SigmoidTruth(R0: 0.05, A: 0.7, B: 1.5, CMid: 2000);
        var compute = SigmoidTruth.LogSpaced(200, 30000, 25);
        var baseline = CurveFitter.Fit("r", FitData.FromPoints(compute, truth.DrawAdditive(compute, 0.005, 1)), Fit);
        var later = SigmoidTruth.LogSpaced(40000, 200000, 8);

        var sameCurve = later.Select((c, i) => new CurvePoint(c, truth.At(c) + 0.004 * Math.Sin(i))).ToList();
        var secondRise = later.Select(c => new CurvePoint(c, truth.At(c) + 0.08)).ToList();

        Assert.False(RegimeChange.Detect(baseline, sameCurve));
        Assert.True(RegimeChange.Detect(baseline, secondRise));
    }

    [Fact]
    public void An_allow_list_reads_dates_and_commits_and_refuses_entries_that_never_expire()
    {
        var folder = Directory.CreateTempSubdirectory("ledger-allow-").FullName;
        var path = Path.Combine(folder, "ledger.allow.json");
        File.WriteAllText(path, """
            { "allow": [
              { "recipe": "grpo-b512", "reason": "new verifier", "expires": "2026-12-31" },
              { "recipe": "ppo", "reason": "known drop", "commit": "3f2a1c9" }
            ] }
            """);
        var list = AllowList.Load(path);

        Assert.True(list.For("grpo-b512")!.IsActive("anything", new DateOnly(2026, 12, 31)));
        Assert.False(list.For("grpo-b512")!.IsActive("anything", new DateOnly(2027, 1, 1)));
        Assert.True(list.For("ppo")!.IsActive("3f2a1c9e0b", Today));
        Assert.False(list.For("ppo")!.IsActive("0123456", Today));
        Assert.Null(list.For("other"));

        File.WriteAllText(path, """{ "allow": [ { "recipe": "x", "reason": "forever" } ] }""");
        Assert.Equal(ErrorCodes.InvalidAllowList, Assert.Throws<LedgerInputException>(() => AllowList.Load(path)).Code);
        File.WriteAllText(path, "{ \"allow\": [ \n { \"recipe\": } ] }");
        var broken = Assert.Throws<LedgerInputException>(() => AllowList.Load(path));
        Assert.Equal(2, broken.Location.Line);
        Directory.Delete(folder, recursive: true);
    }
}
