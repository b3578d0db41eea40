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
    public void Benjamini_Hochberg_rejects_the_textbook_example()
    {
        // Benjamini and Hochberg (1995), section 4: 15 p-values, q = 0.05, the four smallest are rejected.
        double[] p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000];
        var rejected = BenjaminiHochberg.Reject(p, 0.05);
        Assert.Equal(4, rejected.Count(r => r));
        Assert.True(rejected[..4].All(r => r));
    }

    [Fact]
    public void Each_verdict_kind_comes_out_where_it_should()
    {
        var simulation = new RecipeSimulation(seed: 3);
        CurveFit F(string recipe, double a, double maxCompute = 30000) => RecipeFits.Fit(simulation.Runs(recipe, a, 5, maxCompute), Fit).Single().Fit;
        var inputs = new List<GateInput>
        {
            new("same", F("same", 0.7), F("same", 0.7), []),
            new("dropped", F("dropped", 0.6), F("dropped", 0.7), []),
            new("gained", F("gained", 0.8), F("gained", 0.7), []),
            new("allowed", F("allowed", 0.6), F("allowed", 0.7), []),
            new("expired", F("expired", 0.6), F("expired", 0.7), []),
            new("fresh", F("fresh", 0.7), null, []),
            new("gone", null, F("gone", 0.7), []),
            new("early", F("early", 0.7, maxCompute: 1000), F("early", 0.7), []),
        };
        var allow = new AllowList([
            new AllowEntry("allowed", "new reward model", Today.AddDays(1), null),
            new AllowEntry("expired", "old excuse", Today.AddDays(-1), null),
        ]);

        var verdicts = GateRule.Decide(inputs, new GateOptions(), allow, "abc123", Today).ToDictionary(v => v.Recipe);

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
        Assert.Equal(VerdictKind.Unidentified, verdicts["early"].Verdict);
    }

    [Fact]
    public void For_a_metric_that_falls_a_rise_in_A_is_the_regression()
    {
        var simulation = new RecipeSimulation(seed: 4);
        CurveFit F(double a) => RecipeFits.Fit(simulation.Runs("loss", a, 5), Fit).Single().Fit;
        var input = new GateInput("loss", F(0.8), F(0.7), []);

        Assert.Equal(VerdictKind.Improved, GateRule.Decide([input], new GateOptions(), AllowList.Empty, "c", Today).Single().Verdict);
        Assert.Equal(VerdictKind.Regressed, GateRule.Decide([input], new GateOptions { LowerIsBetter = true }, AllowList.Empty, "c", Today).Single().Verdict);
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
