using Ledger.Core.Diagnostics;
using Ledger.Core.Ingest;
using Ledger.Core.Tests.Support;

namespace Ledger.Core.Tests.Ingest;

/// <summary>Errors that say what to do: real exports read as plain CSV name the Format that reads them; a missing column lists the nearest ones.</summary>
public sealed class ErrorSuggestionTests
{
    [Fact]
    public void A_WandB_chart_export_whose_x_is_not_Step_read_as_plain_CSV_names_the_wandb_chart_format()
    {
        var path = Path.Combine(TestData.RealRuns, "deep-grpo", "scale_budget.csv");

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions()));

        Assert.Equal((ErrorCodes.MissingColumn, 1, 1), (error.Code, error.Location.Line, error.Location.Column));
        Assert.EndsWith("Format 'wandb-chart' (--input-format wandb-chart)", error.Expected);
        // Every column but the x names a run and a metric: the nearest to 'reward' are the reward metric's, shortened in the middle.
        Assert.Equal("25 columns (closest to 'reward': 'Qwen2.5-0.5B-Instruct-...ore/GSM8K/reward/mean@1')", error.Found);
    }

    [Fact]
    public void A_wide_export_read_as_plain_CSV_names_the_wide_format_when_compute_is_missing_too()
    {
        var path = Path.Combine(TestData.RealRuns, "josancamon19_rl-scaling-laws__results_export.csv");

        var noReward = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions()));
        var noCompute = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions { RewardColumn = "14b" }));

        Assert.Equal(ErrorCodes.MissingColumn, noReward.Code);
        Assert.EndsWith("Format 'wide' (--input-format wide)", noReward.Expected);
        Assert.Equal(ErrorCodes.NoComputeMapping, noCompute.Code);
        Assert.EndsWith("Format 'wide' (--input-format wide)", noCompute.Expected);
    }

    [Fact]
    public void A_plain_log_gets_no_format_suggestion()
    {
        using var temp = new TempFolder();
        var path = temp.Write("run.csv", "step,compute,accuracy\n1,1,0.5\n");

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions()));

        Assert.Equal("a column named 'reward' (the reward column; RewardColumn names another)", error.Expected);
    }

    [Fact]
    public void A_missing_reward_column_of_a_wide_log_lists_the_three_nearest_columns()
    {
        var path = Path.Combine(TestData.RealRuns, "ShibukiZero_a5__ch7_grpo_baselines_eval_points.csv");

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions { RewardColumn = "acuracy", ComputeColumn = "grpo_step" }));

        Assert.Equal("8 columns (closest to 'acuracy': 'answer_accuracy', 'format_accuracy' and 'reward')", error.Found);
        Assert.Equal("a column named 'acuracy' (as RewardColumn says)", error.Expected);
    }
}
