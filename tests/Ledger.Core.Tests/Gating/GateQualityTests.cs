using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Tests.Support;
using MathNet.Numerics.Statistics;
using Xunit.Abstractions;

namespace Ledger.Core.Tests.Gating;

/// <summary>
/// The gate rule measured on simulated recipes with known truth (5 seeds each, seed-to-seed spread of A 0.01,
/// AR(1) noise): false alarms with no true change, power at a true drop of tolerance + 3 standard errors, and
/// pre-inflection recipes. The measured rates are printed and quoted in README.md.
/// </summary>
public class GateQualityTests(ITestOutputHelper output)
{
    private const int RecipesPerBuild = 50;
    private const int Seeds = 5;
    private static readonly FitOptions Fit = new() { BootstrapResamples = 300 };
    private static readonly GateOptions Gate = new();

    [Fact]
    public void No_true_change_rarely_regresses_and_a_true_drop_of_tolerance_plus_3_se_is_caught()
    {
        // No change: 40 builds of 50 recipes, baseline and current drawn independently from the same truth.
        var noChange = Enumerable.Range(1, 40).Select(build => RunBuild(build, dropped: 0, drop: 0)).ToList();
        var deltas = noChange.SelectMany(b => b.Verdicts).Where(v => v.DeltaA is not null).Select(v => v.DeltaA!.Value).ToList();
        var seOfDelta = deltas.StandardDeviation();
        var falseRegressions = noChange.SelectMany(b => b.Verdicts).Count(v => v.Verdict == VerdictKind.Regressed);
        var failedBuilds = noChange.Count(b => b.Verdicts.Any(v => v.Verdict == VerdictKind.Regressed));
        var compared = noChange.Sum(b => b.Verdicts.Count(v => v.DeltaA is not null));

        // A true drop of tolerance + 3 SE(delta A), SE measured above, in 10 of the 50 recipes of each of 12 builds.
        var drop = Gate.Tolerance + 3 * seOfDelta;
        var withDrop = Enumerable.Range(101, 12).Select(build => RunBuild(build, dropped: 10, drop: drop)).ToList();
        var dropped = withDrop.SelectMany(b => b.Verdicts.Take(10)).ToList();
        var detected = dropped.Count(v => v.Verdict == VerdictKind.Regressed);
        var untouchedFlagged = withDrop.SelectMany(b => b.Verdicts.Skip(10)).Count(v => v.Verdict == VerdictKind.Regressed);

        var falseRate = (double)falseRegressions / compared;
        var buildRate = (double)failedBuilds / noChange.Count;
        var power = (double)detected / dropped.Count;
        var gateSe = noChange.SelectMany(b => b.Verdicts).Where(v => v.DeltaA is not null).Select(v => v.DeltaInterval.Width / 3.92).ToList();
        output.WriteLine($"gate SE: mean {gateSe.Mean():F4}, 10th pct {gateSe.Quantile(0.1):F4}, 90th pct {gateSe.Quantile(0.9):F4}");
        output.WriteLine($"SE(delta A) measured {seOfDelta:F4} over {deltas.Count} comparisons; identified {compared} of {noChange.Count * RecipesPerBuild}");
        output.WriteLine($"no change: {falseRegressions} of {compared} recipes falsely regressed ({falseRate:P2}), {failedBuilds} of {noChange.Count} builds failed ({buildRate:P1})");
        output.WriteLine($"true drop {drop:F4}: {detected} of {dropped.Count} detected ({power:P1}); {untouchedFlagged} unchanged recipes flagged beside them");

        Assert.True(compared >= 0.95 * noChange.Count * RecipesPerBuild, "recipes with data through the inflection must be identified");
        Assert.True(falseRate <= 0.01, $"false regressions {falseRate:P2}");
        Assert.True(buildRate <= 0.05, $"failed builds {buildRate:P1}");
        Assert.True(power >= 0.95, $"power {power:P1}");
    }

    [Fact]
    public void Pre_inflection_recipes_are_unidentified_never_pass_or_fail()
    {
        var simulation = new RecipeSimulation(seed: 7);
        var inputs = Enumerable.Range(0, 20).Select(i =>
        {
            var a = simulation.UniformA();
            var baseline = FitRecipe(simulation.Runs($"r{i}", a, Seeds, maxCompute: 1000));
            var current = FitRecipe(simulation.Runs($"r{i}", a - 0.1, Seeds, maxCompute: 1000));
            return new GateInput($"r{i}", current, baseline, []);
        }).ToList();

        var verdicts = GateRule.Decide(inputs, Gate, AllowList.Empty, "abc", new DateOnly(2026, 11, 23));

        Assert.All(verdicts, v => Assert.Equal(VerdictKind.Unidentified, v.Verdict));
    }

    private sealed record Build(IReadOnlyList<RecipeVerdict> Verdicts);

    private static Build RunBuild(int build, int dropped, double drop)
    {
        var simulation = new RecipeSimulation(build);
        var truths = Enumerable.Range(0, RecipesPerBuild).Select(_ => simulation.UniformA()).ToList();
        var baselineRuns = truths.SelectMany((a, i) => simulation.Runs($"recipe{i:D2}", a, Seeds)).ToList();
        var currentRuns = truths.SelectMany((a, i) => simulation.Runs($"recipe{i:D2}", i < dropped ? a - drop : a, Seeds)).ToList();
        var baseline = RecipeFits.Fit(baselineRuns, Fit).ToDictionary(r => r.Fit.Recipe, r => r.Fit);
        var current = RecipeFits.Fit(currentRuns, Fit);
        var inputs = current.Select(r => new GateInput(r.Fit.Recipe, r.Fit, baseline[r.Fit.Recipe], r.Runs.SelectMany(run => run.Points).ToList())).ToList();
        return new Build(GateRule.Decide(inputs, Gate, AllowList.Empty, "abc", new DateOnly(2026, 11, 23)));
    }

    private static CurveFit FitRecipe(IReadOnlyList<RunLog> runs) => RecipeFits.Fit(runs, Fit).Single().Fit;
}
