using Ledger.Core.Diagnostics;
using Ledger.Core.Ingest;

namespace Ledger.Core.Tests.Ingest;

/// <summary>An MLflow file-store run folder, read as one log.</summary>
public class MlflowRunFolderTests
{
    private static readonly string Run = ExportSamples.Get(Path.Combine("mlruns", "412953876251", "3f9a6c0e2b8d4f1a9e7c5b3d1a0f8e6c"));

    [Fact]
    public void A_nested_metric_key_is_read_from_its_file_with_the_run_name_from_the_tags()
    {
        var run = Assert.Single(RunLogReader.Read(Run, new ReadOptions { RewardColumn = "eval/reward", GpuHoursPerStep = 0.5 }));

        Assert.Equal(("grpo-qwen3-8b-seed1", "grpo-qwen3-8b-seed1", "mlflow-run", Run), (run.Recipe, run.RunName, run.Format, run.SourcePath));
        Assert.Equal([new CurvePoint(0, 0.391, 0), new CurvePoint(50, 0.447, 100)], run.Points.Take(2));
        Assert.Equal(new CurvePoint(200, 0.561, 400), run.Points[^1]);
    }

    [Fact]
    public void A_compute_metric_at_the_same_steps_gives_compute()
    {
        var run = Assert.Single(RunLogReader.Read(Run, new ReadOptions { RewardColumn = "eval/reward", ComputeColumn = "system_gpu_hours", Recipe = "grpo" }));

        Assert.Equal([0.0, 13.25, 26.5, 39.75, 53], run.Points.Select(p => p.Compute));
        Assert.Equal("grpo", run.Recipe);
    }

    [Fact]
    public void Names_fall_back_to_meta_yaml_then_the_folder_and_a_recipe_tag_names_the_recipe()
    {
        using var temp = new TempFolder();
        temp.Write("1/run-a/meta.yaml", "run_id: run-a\nrun_name: 'polite-gull-417'\n");
        temp.Write("1/run-a/metrics/reward", "1 0.5 0\n");
        temp.Write("1/run-b/meta.yaml", "run_id: run-b\n");
        temp.Write("1/run-b/metrics/reward", "1 0.5 0\n");
        temp.Write("1/run-b/tags/recipe", "ppo-baseline");

        var a = Assert.Single(RunLogReader.Read(Path.Combine(temp.Path, "1", "run-a"), new ReadOptions { GpuHoursPerStep = 1 }));
        var b = Assert.Single(RunLogReader.Read(Path.Combine(temp.Path, "1", "run-b"), new ReadOptions { GpuHoursPerStep = 1 }));

        Assert.Equal(("polite-gull-417", "polite-gull-417"), (a.Recipe, a.RunName));
        Assert.Equal(("ppo-baseline", "run-b"), (b.Recipe, b.RunName));
    }

    [Fact]
    public void A_bad_metric_line_is_reported_in_the_metric_file_at_its_line()
    {
        using var temp = new TempFolder();
        temp.Write("run/meta.yaml", "run_id: run\n");
        var metric = temp.Write("run/metrics/eval/reward", "1741939800123 0.391 0\n1741940400123 oops 100\n");

        var error = Assert.Throws<LedgerInputException>(() =>
            RunLogReader.Read(Path.Combine(temp.Path, "run"), new ReadOptions { RewardColumn = "eval/reward", GpuHoursPerStep = 1 }));

        Assert.Equal((ErrorCodes.NotANumber, metric, 2, 15), (error.Code, error.Location.File, error.Location.Line, error.Location.Column));
    }

    [Theory]
    [InlineData("1 0.5 0 7\n", ErrorCodes.MalformedLine, 1, 9)]
    [InlineData("1  0.5 0\n", ErrorCodes.MalformedLine, 1, 3)]
    [InlineData("1 0.5 0 \n", ErrorCodes.MalformedLine, 1, 9)]
    [InlineData("1 0.5 0\n1741939800123\n", ErrorCodes.MalformedLine, 2, 14)]
    [InlineData("1 0.5 0\n2 nan 1\n", ErrorCodes.NonFiniteValue, 2, 3)]
    [InlineData("1 0.5 0\n2 0.6 x\n", ErrorCodes.NotANumber, 2, 7)]
    [InlineData("1 0.5 5\n2 0.6 5\n", ErrorCodes.DuplicateCompute, 2, 7)]
    [InlineData("", ErrorCodes.EmptyFile, 1, 1)]
    [InlineData("1 0.5 0\n2 0.6\0 1\n", ErrorCodes.NotText, 2, 6)]
    public void Each_bad_metric_file_is_refused_at_its_line_and_column(string text, string code, int line, int column)
    {
        using var temp = new TempFolder();
        temp.Write("run/meta.yaml", "run_id: run\n");
        var metric = temp.Write("run/metrics/reward", text);

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(Path.Combine(temp.Path, "run"), new ReadOptions { GpuHoursPerStep = 1 }));

        Assert.Equal((code, metric, line, column), (error.Code, error.Location.File, error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void A_missing_metric_lists_the_metrics_there_are()
    {
        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(Run, new ReadOptions { GpuHoursPerStep = 1 }));

        Assert.Equal((ErrorCodes.MissingColumn, Run), (error.Code, error.Location.File));
        Assert.Equal("the metrics 'eval/reward', 'system_gpu_hours' and 'train/loss'", error.Found);
    }

    [Fact]
    public void Sources_take_a_run_folder_as_one_log_and_find_run_folders_under_a_folder()
    {
        Assert.Equal([Run], RunLogSources.Expand([Run], ExportSamples.Folder));
        Assert.Equal([Run], RunLogSources.Expand(["mlruns"], ExportSamples.Folder));
    }
}
