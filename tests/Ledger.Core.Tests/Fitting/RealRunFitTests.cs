using Ledger.Core.Fitting;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Tests.Support;

namespace Ledger.Core.Tests.Fitting;

/// <summary>
/// Public RL runs (tests/data/real-runs, SOURCE.md there) read by the real readers and fitted: what a person who
/// looks at the curves says about them is what the fits must say.
/// </summary>
public class RealRunFitTests
{
    private static readonly FitOptions Options = new() { RewardMax = 1, BootstrapResamples = 300 };

    [Theory]
    [InlineData("UnitedSnakes_rlvr_behavior_probe__canonical_grpo_seed42_aggregate_sanity.csv")]
    [InlineData("UnitedSnakes_rlvr_behavior_probe__canonical_maxrl_seed42_aggregate_sanity.csv")]
    public void Clean_saturating_runs_are_identified_with_A_at_their_plateau(string file)
    {
        var runs = Read(file, new ReadOptions { Recipe = "probe", ComputeColumn = "snapshot_pct", RewardColumn = "R" });
        var fit = RecipeFits.Fit(runs, Options).Single().Fit;

        // The plateau: the mean reward over the second half of training, where both curves are flat (README).
        var plateau = runs.Single().Points.Where(p => p.Compute >= 50).Average(p => p.Reward);
        Assert.Equal(FitStatus.Ok, fit.Status);
        Assert.Equal(plateau, fit.IdentifiedAsymptote!.Value, 0.02);
        Assert.True(fit.ProfileInterval.Contains(plateau));
    }

    [Fact]
    public void Grpo_ranks_above_MaxRL_as_the_repository_reports()
    {
        var options = new ReadOptions { ComputeColumn = "snapshot_pct", RewardColumn = "R" };
        var grpo = RecipeFits.Fit(Read("UnitedSnakes_rlvr_behavior_probe__canonical_grpo_seed42_aggregate_sanity.csv", options with { Recipe = "grpo" }), Options).Single().Fit;
        var maxrl = RecipeFits.Fit(Read("UnitedSnakes_rlvr_behavior_probe__canonical_maxrl_seed42_aggregate_sanity.csv", options with { Recipe = "maxrl" }), Options).Single().Fit;

        Assert.True(grpo.IdentifiedAsymptote!.Value > maxrl.IdentifiedAsymptote!.Value);
    }

    [Fact]
    public void Four_noisy_points_per_run_are_never_certified()
    {
        var runs = Read("sherrywan717_ppo-vs-grpo-math-rlvr__four_run_validation_metrics.csv", new ReadOptions
        {
            RecipeColumn = "algorithm", RunColumn = "run_id", ComputeColumn = "checkpoint_step", RewardColumn = "sampled_pass_at_1",
        });
        var fits = RecipeFits.Fit(runs, Options);

        Assert.Equal(["grpo", "ppo"], fits.Select(f => f.Fit.Recipe));
        Assert.All(fits, f => Assert.NotEqual(FitStatus.Ok, f.Fit.Status));
    }

    [Theory]
    [InlineData("lr=3e-6")] // stopped early, still rising at 0.10
    [InlineData("lr=5e-6")] // still rising at the end: not saturated
    public void Runs_that_stop_before_the_bend_are_unidentified(string label)
    {
        var fit = LearningRateFits().Single(f => f.Recipe == label);
        Assert.Equal(FitStatus.Unidentified, fit.Status);
    }

    [Fact]
    public void A_saturated_learning_rate_run_is_identified_near_its_plateau()
    {
        var fit = LearningRateFits().Single(f => f.Recipe == "lr=3e-5");
        Assert.Equal(FitStatus.Ok, fit.Status);
        Assert.InRange(fit.IdentifiedAsymptote!.Value, 0.83, 0.87); // the last 8 evaluations lie between 0.839 and 0.864
    }

    private static IReadOnlyList<CurveFit> LearningRateFits() =>
        RecipeFits.Fit(Read("ShibukiZero_a5__ch7_grpo_learning_rate_eval_points.csv", new ReadOptions
        {
            RecipeColumn = "label", ComputeColumn = "grpo_step", RewardColumn = "reward",
        }), Options).Select(r => r.Fit).ToList();

    private static IReadOnlyList<RunLog> Read(string file, ReadOptions options) =>
        RunLogReader.Read(TestData.Path("real-runs", file), options);
}
