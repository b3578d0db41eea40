using Ledger.Core.Diagnostics;
using Ledger.Core.Ingest;

namespace Ledger.Core.Tests.Ingest;

/// <summary>The W&amp;B chart CSV export (one run per column, with __MIN/__MAX bands) and the plain wide layout.</summary>
public class WandbChartTests
{
    private const string Export = "wandb_export_2025-03-14T09_12_44.118+01_00.csv";

    [Fact]
    public void Each_run_column_is_a_run_in_column_order_and_bands_are_ignored()
    {
        var runs = RunLogReader.Read(ExportSamples.Get(Export), new ReadOptions { GpuHoursPerStep = 0.25 });

        Assert.Equal(["grpo-qwen3-8b-lr1e-6", "grpo-qwen3-8b-lr3e-6", "ppo - baseline"], runs.Select(r => r.RunName));
        Assert.All(runs, r => Assert.Equal(("wandb-chart", "eval/reward", "Exports"), (r.Format, r.RewardColumn, r.Recipe)));
        Assert.Equal(new ComputeMapping(ComputeSource.StepTimesGpuHoursPerStep, "Step", 0.25), runs[0].Compute);
        Assert.Equal([new CurvePoint(0, 0.391, 0), new CurvePoint(12.5, 0.412, 50)], runs[0].Points.Take(2));
    }

    [Fact]
    public void Blank_cells_are_skipped_per_run()
    {
        var runs = RunLogReader.Read(ExportSamples.Get(Export), new ReadOptions { GpuHoursPerStep = 1 });

        Assert.Equal([6, 5, 5], runs.Select(r => r.Points.Count));
        Assert.Equal([0.0, 50, 100, 200, 250], runs[1].Points.Select(p => p.Compute));
        Assert.Equal(0.47, runs[2].Points[^1].Reward);
    }

    [Fact]
    public void Without_GPU_hours_per_step_there_is_no_compute_and_the_error_says_so()
    {
        var path = ExportSamples.Get(Export);

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions()));

        Assert.Equal((ErrorCodes.NoComputeMapping, path, 1, 1), (error.Code, error.Location.File, error.Location.Line, error.Location.Column));
        Assert.Equal("a W&B chart export without a compute column", error.Found);
        Assert.Equal("GpuHoursPerStep, to turn step column 'Step' into GPU-hours", error.Expected);
    }

    [Fact]
    public void With_several_metrics_RewardColumn_picks_one()
    {
        using var temp = new TempFolder();
        var path = temp.Write("chart.csv", "\"Step\",\"a - eval/reward\",\"a - train/loss\",\"b - eval/reward\"\n\"1\",\"0.5\",\"0.7\",\"0.4\"\n");

        var ambiguous = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions { GpuHoursPerStep = 1 }));
        var runs = RunLogReader.Read(path, new ReadOptions { GpuHoursPerStep = 1, RewardColumn = "train/loss" });

        Assert.Equal(ErrorCodes.MissingColumn, ambiguous.Code);
        Assert.Equal("the metrics 'eval/reward' and 'train/loss' in the columns '<run> - <metric>'", ambiguous.Found);
        Assert.Equal(new CurvePoint(1, 0.7, 1), Assert.Single(Assert.Single(runs).Points));
    }

    [Fact]
    public void A_bad_value_points_at_its_own_cell()
    {
        using var temp = new TempFolder();
        var path = temp.Write("chart.csv", "Step,a - reward,b - reward\n1,0.5,0.4\n2,0.6,oops\n");

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions { GpuHoursPerStep = 1 }));

        Assert.Equal((ErrorCodes.NotANumber, 3, 7), (error.Code, error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void A_chart_export_of_exactly_500_rows_is_warned_about()
    {
        using var temp = new TempFolder();
        var text = "Step,a - reward,a - reward__MIN,a - reward__MAX\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"{i},0.5,0.5,0.5\n"));

        var run = Assert.Single(RunLogReader.Read(temp.Write("chart.csv", text), new ReadOptions { GpuHoursPerStep = 1 }));

        Assert.Contains(run.Warnings, w => w.StartsWith("a W&B chart export with exactly 500 data rows looks down-sampled", StringComparison.Ordinal));
    }

    [Fact]
    public void The_wide_layout_is_read_only_when_named_and_every_other_column_is_a_run()
    {
        using var temp = new TempFolder();
        var path = temp.Write(Path.Combine("sizes", "export.csv"), "Step,0.6b,14b\n0,0.1,0.7\n1,,0.8\n2,0.2,\n");

        var plain = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions { GpuHoursPerStep = 1 }));
        var runs = RunLogReader.Read(path, new ReadOptions { GpuHoursPerStep = 1, Format = "wide" });

        Assert.Equal(ErrorCodes.MissingColumn, plain.Code);
        Assert.Equal([("0.6b", 2), ("14b", 2)], runs.Select(r => (r.RunName, r.Points.Count)));
        Assert.All(runs, r => Assert.Equal(("wide", "sizes", "reward"), (r.Format, r.Recipe, r.RewardColumn)));
    }
}
