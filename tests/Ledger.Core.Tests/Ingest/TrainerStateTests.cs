using Ledger.Core.Diagnostics;
using Ledger.Core.Ingest;

namespace Ledger.Core.Tests.Ingest;

/// <summary>Hugging Face Trainer's trainer_state.json, as TRL's GRPOTrainer saves it in a checkpoint folder.</summary>
public class TrainerStateTests
{
    private static readonly string State = ExportSamples.Get(Path.Combine("hf", "grpo-qwen3-8b", "checkpoint-150", "trainer_state.json"));

    [Fact]
    public void Entries_with_the_reward_key_are_the_points_and_the_run_is_the_output_folder()
    {
        var run = Assert.Single(RunLogReader.Read(State, new ReadOptions { RewardColumn = "eval_reward", GpuHoursPerStep = 0.2 }));

        Assert.Equal(("hf", "grpo-qwen3-8b", "hf-trainer-state"), (run.Recipe, run.RunName, run.Format));
        Assert.Equal([new CurvePoint(10, 0.44, 50), new CurvePoint(20, 0.49, 100), new CurvePoint(30, 0.54, 150)], run.Points);
    }

    [Fact]
    public void The_training_reward_is_the_default_and_a_NaN_gradient_norm_elsewhere_does_not_matter()
    {
        var run = Assert.Single(RunLogReader.Read(State, new ReadOptions { GpuHoursPerStep = 1 }));

        Assert.Equal(15, run.Points.Count);
        Assert.Equal(new CurvePoint(150, 0.575, 150), run.Points[^1]);
    }

    [Fact]
    public void A_NaN_reward_is_non_finite_at_its_line_and_column()
    {
        using var temp = new TempFolder();
        var path = temp.Write(Path.Combine("out", "trainer_state.json"), "{\n  \"log_history\": [\n    {\"reward\": 0.5, \"step\": 1},\n    {\"reward\": NaN, \"step\": 2}\n  ]\n}\n");

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions { GpuHoursPerStep = 1 }));

        Assert.Equal((ErrorCodes.NonFiniteValue, 4, 16), (error.Code, error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void Broken_JSON_is_reported_at_its_line()
    {
        using var temp = new TempFolder();
        var path = temp.Write("trainer_state.json", "{\n  \"log_history\": [\n    {\"reward\": 0.5, \"step\": 1},\n    {\"reward\": 0.6 \"step\": 2}\n  ]\n}\n");

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions { GpuHoursPerStep = 1 }));

        Assert.Equal((ErrorCodes.MalformedJson, 4, 20), (error.Code, error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void A_truncated_file_is_reported_at_the_end_of_its_last_line()
    {
        using var temp = new TempFolder();
        var path = temp.Write("trainer_state.json", "{\n  \"log_history\": [\n    {\"reward\": 0.5, \"step\": 1");

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions { GpuHoursPerStep = 1 }));

        Assert.Equal((ErrorCodes.MalformedJson, 3, 30), (error.Code, error.Location.Line, error.Location.Column));
    }
}
