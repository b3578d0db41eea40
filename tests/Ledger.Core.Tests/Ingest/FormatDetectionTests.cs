using Ledger.Core.Ingest;

namespace Ledger.Core.Tests.Ingest;

/// <summary>Which format a log is read as: by file name, folder shape or CSV header, always overridable by Format.</summary>
public class FormatDetectionTests
{
    [Theory]
    [InlineData("wandb-history.csv", "csv")]
    [InlineData("wandb-history.jsonl", "jsonl")]
    [InlineData("wandb_export_2025-03-14T09_12_44.118+01_00.csv", "wandb-chart")]
    [InlineData("mlflow-metric-history.csv", "mlflow-metrics")]
    [InlineData("run-grpo_seed1-tag-eval_reward.csv", "tensorboard")]
    [InlineData("hf/grpo-qwen3-8b/checkpoint-150/trainer_state.json", "hf-trainer-state")]
    [InlineData("mlruns/412953876251/3f9a6c0e2b8d4f1a9e7c5b3d1a0f8e6c", "mlflow-run")]
    public void Each_export_is_detected(string sample, string format)
    {
        var options = new ReadOptions { RewardColumn = "eval/reward", GpuHoursPerStep = 1 };
        if (format == "hf-trainer-state")
            options = options with { RewardColumn = "eval_reward" };

        var runs = RunLogReader.Read(ExportSamples.Get(sample), options);

        Assert.All(runs, r => Assert.Equal(format, r.Format));
    }

    [Fact]
    public void The_Format_option_overrides_detection()
    {
        using var temp = new TempFolder();
        var path = temp.Write("scalars.csv", "Wall time,Step,Value\n100,1,0.5\n");

        var run = Assert.Single(RunLogReader.Read(path, new ReadOptions { Format = "csv", ComputeColumn = "Step", RewardColumn = "Value" }));

        Assert.Equal(("csv", new CurvePoint(1, 0.5, 1)), (run.Format, run.Points[0]));
    }

    [Fact]
    public void A_file_given_another_name_is_read_by_the_named_format()
    {
        using var temp = new TempFolder();
        var path = temp.Write("state.json", "{\"log_history\": [{\"reward\": 0.5, \"step\": 3}]}");

        var run = Assert.Single(RunLogReader.Read(path, new ReadOptions { Format = "hf-trainer-state", GpuHoursPerStep = 1 }));

        Assert.Equal(new CurvePoint(3, 0.5, 3), run.Points[0]);
    }
}
