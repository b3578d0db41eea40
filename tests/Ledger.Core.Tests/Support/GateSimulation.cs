using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;

namespace Ledger.Core.Tests.Support;

/// <summary>
/// Simulated builds for measuring the gate: recipes with a mix of seed counts, each drawn twice from a known truth (the
/// baseline and this build), some of them with a known drop in A, gated as `ledger gate` gates them (the seed prior
/// pooled over both builds' fits). The truth is known, so every verdict can be scored.
/// </summary>
public static class GateSimulation
{
    public static readonly FitOptions Fit = new() { BootstrapResamples = 0 };
    private static readonly DateOnly Today = new(2026, 12, 3);

    /// <summary>One recipe of a simulated build: how many seeds, the drop its truth took (0: unchanged), and whether its training broke.</summary>
    public sealed record Recipe(string Name, int Seeds, double Drop, bool Broken = false);

    public sealed record Scored(Recipe Recipe, RecipeVerdict Verdict);

    /// <summary>Gates one build: the baseline drawn at each recipe's A, this build at A minus its drop (or broken).</summary>
    public static IReadOnlyList<Scored> Gate(int seed, IReadOnlyList<Recipe> recipes, GateOptions? options = null, int points = 30)
    {
        var simulation = new RecipeSimulation(seed);
        var truths = recipes.Select(_ => simulation.UniformA()).ToList();
        var baselineRuns = recipes.Select((r, i) => simulation.Runs(r.Name, truths[i], r.Seeds, points: points)).ToList();
        var currentRuns = recipes.Select((r, i) => r.Broken
            ? simulation.BrokenRuns(r.Name, r.Seeds, points: points)
            : simulation.Runs(r.Name, truths[i] - r.Drop, r.Seeds, points: points)).ToList();
        var baseline = RecipeFits.Fit(baselineRuns.SelectMany(r => r), Fit).ToDictionary(f => f.Fit.Recipe);
        var current = RecipeFits.Fit(currentRuns.SelectMany(r => r), Fit).ToDictionary(f => f.Fit.Recipe);
        var inputs = recipes.Select((r, i) => new GateInput(r.Name, current[r.Name].Fit, baseline[r.Name].Fit,
            current[r.Name].Runs.SelectMany(run => run.Points).ToList())
        {
            CurrentRuns = currentRuns[i].Select(run => run.Points).ToList(),
            BaselineRuns = baselineRuns[i].Select(run => run.Points).ToList(),
        }).ToList();
        var priors = SeedPriors.From(current.Values.Concat(baseline.Values).Select(c => c.Fit), options?.SeedSd);
        var verdicts = GateRule.Decide(inputs, options ?? new GateOptions(), AllowList.Empty, "sim", Today, priors);
        return recipes.Zip(verdicts, (r, v) => new Scored(r, v)).ToList();
    }
}
