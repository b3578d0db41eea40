using Ledger.Core.Ingest;

namespace Ledger.Core.Tests.Ingest;

/// <summary>W&amp;B run history, as run.history().to_csv() and the run's history JSONL write it: read by column mapping.</summary>
public class WandbHistoryTests
{
    private static readonly ReadOptions EvalReward = new() { RewardColumn = "eval/reward" };

    [Theory]
    [InlineData("wandb-history.csv", "csv")]
    [InlineData("wandb-history.jsonl", "jsonl")]
    public void Runtime_times_GPUs_gives_compute_and_sparse_rows_are_skipped(string file, string format)
    {
        var run = Assert.Single(RunLogReader.Read(ExportSamples.Get(file), EvalReward with { Gpus = 8 }));

        Assert.Equal(format, run.Format);
        Assert.Equal("eval/reward", run.RewardColumn);
        Assert.Equal([0.0, 3, 6, 9, 12], run.Points.Select(p => p.Step));
        Assert.Equal([0.31, 0.415, 0.52, 0.625, 0.73], run.Points.Select(p => p.Reward));
        Assert.Equal(4.25 * 8 / 3600, run.Points[0].Compute, 12);
        Assert.Equal(454.25 * 8 / 3600, run.Points[^1].Compute, 12);
        Assert.Equal("column '_runtime' (seconds) x 8 GPUs / 3600", run.Compute.Describe());
        // Every row but the header (CSV) logs a step; only the five evaluations log eval/reward: the rest are skipped, and said so.
        var rows = File.ReadAllLines(ExportSamples.Get(file)).Count(line => line.Length > 0) - (format == "csv" ? 1 : 0);
        Assert.Equal([$"skipped {rows - 5} rows with a blank 'eval/reward' (a metric logged on only some rows)"], run.Warnings);
    }

    [Theory]
    [InlineData("wandb-history.csv")]
    [InlineData("wandb-history.jsonl")]
    public void Step_times_GPU_hours_per_step_uses_the_step_column(string file)
    {
        var run = Assert.Single(RunLogReader.Read(ExportSamples.Get(file), EvalReward with { GpuHoursPerStep = 0.5 }));

        Assert.Equal([0.0, 1.5, 3, 4.5, 6], run.Points.Select(p => p.Compute));
        Assert.Equal(new ComputeMapping(ComputeSource.StepTimesGpuHoursPerStep, "_step", 0.5), run.Compute);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(499, false)]
    [InlineData(501, false)]
    public void Exactly_500_rows_warns_of_W_and_B_sampling(int rows, bool warns)
    {
        using var temp = new TempFolder();
        var text = "_step,_runtime,eval/reward\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $"{i * 7},{i * 60},0.5\n"));

        var run = Assert.Single(RunLogReader.Read(temp.Write("history.csv", text), EvalReward with { Gpus = 1 }));

        Assert.Equal(rows, run.Points.Count);
        Assert.Equal(warns, run.Warnings.Any(w => w.Contains("looks down-sampled", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_500_row_log_that_is_not_W_and_B_history_is_not_warned_about()
    {
        using var temp = new TempFolder();
        var text = "step,compute,reward\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"{i},{i},0.5\n"));

        var run = Assert.Single(RunLogReader.Read(temp.Write("run.csv", text), new ReadOptions()));

        Assert.Empty(run.Warnings);
    }
}
