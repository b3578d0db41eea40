using Ledger.Core.Tests.Support;
using Ledger.Core.Ingest;

namespace Ledger.Core.Tests.Ingest;

/// <summary>Every public run log in tests/data/real-runs reads as it comes, with options a user would pass.</summary>
public class RealRunsTests
{
    // A cleaned W&B export: Step, then one column per model size, each a run.
    private const string WideExport = "josancamon19_rl-scaling-laws__results_export.csv";

    private static readonly ReadOptions Shibuki = new() { RunColumn = "run", ComputeColumn = "grpo_step", RewardColumn = "reward" };
    private static readonly ReadOptions UnitedSnakes = new() { ComputeColumn = "snapshot_pct", RewardColumn = "R" };

    private static readonly Dictionary<string, (ReadOptions Options, int Runs, int Points)> Expected = new()
    {
        ["ShibukiZero_a5__ch7_grpo_baselines_eval_points.csv"] = (Shibuki, 2, 82),
        ["ShibukiZero_a5__ch7_grpo_group_standard_deviation_eval_points.csv"] = (Shibuki, 2, 82),
        ["ShibukiZero_a5__ch7_grpo_learning_rate_eval_points.csv"] = (Shibuki with { RunColumn = "label" }, 9, 279),
        ["ShibukiZero_a5__ch7_grpo_length_normalization_eval_points.csv"] = (Shibuki, 3, 123),
        ["ShibukiZero_a5__ch7_grpo_off_policy_clip_ablation_eval_points.csv"] = (Shibuki, 3, 123),
        ["ShibukiZero_a5__ch7_grpo_off_policy_eval_points.csv"] = (Shibuki, 12, 236),
        ["ShibukiZero_a5__ch7_grpo_prompt_ablation_eval_points.csv"] = (Shibuki, 2, 82),
        ["ShibukiZero_a5__ch7_leaderboard_eval_points.csv"] = (Shibuki, 1, 19),
        ["ShibukiZero_a5__ch7_sft_kl_grpo_eval_points.csv"] = (Shibuki, 2, 80),
        ["UnitedSnakes_rlvr_behavior_probe__canonical_grpo_seed42_aggregate_sanity.csv"] = (UnitedSnakes, 1, 21),
        ["UnitedSnakes_rlvr_behavior_probe__canonical_maxrl_seed42_aggregate_sanity.csv"] = (UnitedSnakes, 1, 21),
        ["sherrywan717_ppo-vs-grpo-math-rlvr__four_run_validation_metrics.csv"] = (
            new ReadOptions { RunColumn = "run_id", RecipeColumn = "algorithm", ComputeColumn = "checkpoint_step", RewardColumn = "sampled_pass_at_1" }, 4, 16),
        [WideExport] = (new ReadOptions { Format = "wide", GpuHoursPerStep = 1 }, 5, 55 + 4 * 14),
    };

    public static TheoryData<string> Files => new(Expected.Keys);

    [Fact]
    public void Every_CSV_in_the_folder_is_covered()
    {
        var onDisk = Directory.GetFiles(TestData.RealRuns, "*.csv").Select(Path.GetFileName);

        Assert.Equal(onDisk.Order(StringComparer.Ordinal), Expected.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Reads_each_file_into_its_runs(string file)
    {
        var (options, runCount, pointCount) = Expected[file];

        var runs = RunLogReader.Read(Path.Combine(TestData.RealRuns, file), options);

        Assert.Equal(runCount, runs.Count);
        Assert.Equal(pointCount, runs.Sum(r => r.Points.Count));
        if (options.RecipeColumn is null)
            Assert.All(runs, r => Assert.Equal("real-runs", r.Recipe));
    }

    [Theory]
    [InlineData("grpo_scale_rollout.csv")]
    [InlineData("loss_weight.csv")]
    [InlineData("sampling_strategy.csv")]
    [InlineData("scale_budget.csv")] // its x is 'Relative Time (Process)', and it charts '_step' beside the reward
    public void Every_Deep_GRPO_chart_export_reads_into_one_run_per_reward_column(string file)
    {
        const string metric = "val-core/GSM8K/reward/mean@1";
        var path = Path.Combine(TestData.RealRuns, "deep-grpo", file);
        var series = ChartExportText.Series(path).Where(s => s.Metric == metric).ToList();

        var runs = RunLogReader.Read(path, new ReadOptions { Format = "wandb-chart", RewardColumn = metric, GpuHoursPerStep = 1 });

        Assert.Equal(series.Select(s => (s.Run, s.Cells.Length)), runs.Select(r => (r.RunName, r.Points.Count)));
    }

    [Fact]
    public void Learning_rate_sweep_has_the_values_of_the_file()
    {
        var runs = RunLogReader.Read(Path.Combine(TestData.RealRuns, "ShibukiZero_a5__ch7_grpo_learning_rate_eval_points.csv"),
            Shibuki with { RunColumn = "label" });

        var lr5e5 = runs.Single(r => r.RunName == "lr=5e-5");
        Assert.Equal(new CurvePoint(120, 0.87109375), lr5e5.Points[24]);
        Assert.Equal(new CurvePoint(200, 0.8427734375), lr5e5.Points[^1]);
        Assert.Equal(["lr=3e-6", "lr=5e-6", "lr=1e-5"], runs.Take(3).Select(r => r.RunName));
    }

    [Fact]
    public void Leaderboard_run_reads_with_elapsed_hours_as_compute()
    {
        var options = Shibuki with { ComputeColumn = "elapsed_step_hours", StepColumn = "grpo_step" };

        var run = Assert.Single(RunLogReader.Read(Path.Combine(TestData.RealRuns, "ShibukiZero_a5__ch7_leaderboard_eval_points.csv"), options));

        Assert.Equal(new CurvePoint(0, 0.02938418255704908, 0), run.Points[0]);
        Assert.Equal(new CurvePoint(3.867686931093534, 0.7355423569865583, 360), run.Points[^1]);
    }

    [Fact]
    public void CRLF_file_reads_its_last_point()
    {
        var run = Assert.Single(RunLogReader.Read(
            Path.Combine(TestData.RealRuns, "UnitedSnakes_rlvr_behavior_probe__canonical_grpo_seed42_aggregate_sanity.csv"), UnitedSnakes));

        Assert.Equal(new CurvePoint(0, 0.34912109375), run.Points[0]);
        Assert.Equal(new CurvePoint(100, 0.5302734375), run.Points[^1]);
    }

    [Fact]
    public void Four_run_file_splits_by_run_id_with_the_algorithm_as_recipe()
    {
        var (options, _, _) = Expected["sherrywan717_ppo-vs-grpo-math-rlvr__four_run_validation_metrics.csv"];

        var runs = RunLogReader.Read(Path.Combine(TestData.RealRuns, "sherrywan717_ppo-vs-grpo-math-rlvr__four_run_validation_metrics.csv"), options);

        Assert.Equal(["ppo", "ppo", "grpo", "grpo"], runs.Select(r => r.Recipe));
        Assert.Equal([8.0, 16, 24, 32], runs[^1].Points.Select(p => p.Compute));
        Assert.Equal(new CurvePoint(32, 0.09375), runs[^1].Points[^1]);
    }

    [Fact]
    public void Wide_export_has_one_run_per_model_size_with_the_values_of_the_file()
    {
        var runs = RunLogReader.Read(Path.Combine(TestData.RealRuns, WideExport), new ReadOptions { Format = "wide", GpuHoursPerStep = 2 });

        Assert.Equal(["0.6b", "14b", "8b", "4b", "1.7b"], runs.Select(r => r.RunName));
        Assert.Equal([14, 55, 14, 14, 14], runs.Select(r => r.Points.Count));
        Assert.Equal(new CurvePoint(0, 0.037149355572403335, 0), runs[0].Points[0]);
        Assert.Equal(new CurvePoint(104, 0.6868840030326004, 52), runs[0].Points[^1]);
        Assert.Equal(new CurvePoint(2, 0.7930250189537529, 1), runs[1].Points[1]);
        Assert.Equal(new CurvePoint(108, 0.9378316906747536, 54), runs[1].Points[^1]);
    }
}
