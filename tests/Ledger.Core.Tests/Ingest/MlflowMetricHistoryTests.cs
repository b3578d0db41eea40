using Ledger.Core.Diagnostics;
using Ledger.Core.Ingest;

namespace Ledger.Core.Tests.Ingest;

/// <summary>MLflow metric history CSV: rows of key, value, step and timestamp, one run per run_id.</summary>
public class MlflowMetricHistoryTests
{
    private static readonly string History = ExportSamples.Get("mlflow-metric-history.csv");

    [Fact]
    public void Rows_of_the_reward_key_are_the_points_and_compute_is_step_times_GPU_hours_per_step()
    {
        var runs = RunLogReader.Read(History, new ReadOptions { RewardColumn = "eval/reward", GpuHoursPerStep = 0.1 });

        Assert.Equal(["3f9a6c0e2b8d4f1a9e7c5b3d1a0f8e6c", "b71e2d94c05a4e6f8a3b9c1d7e2f4a60"], runs.Select(r => r.RunName));
        Assert.All(runs, r => Assert.Equal(("mlflow-metrics", "eval/reward", "Exports"), (r.Format, r.RewardColumn, r.Recipe)));
        Assert.Equal([0.0, 10, 20, 30, 40], runs[0].Points.Select(p => p.Compute), new ToleranceComparer(1e-12));
        Assert.Equal([0.37, 0.41, 0.45, 0.49, 0.53], runs[1].Points.Select(p => p.Reward));
        Assert.Equal(new ComputeMapping(ComputeSource.StepTimesGpuHoursPerStep, "step", 0.1), runs[0].Compute);
    }

    [Fact]
    public void A_compute_key_logged_at_the_same_steps_gives_compute()
    {
        var runs = RunLogReader.Read(History, new ReadOptions { RewardColumn = "eval/reward", ComputeColumn = "gpu_hours" });

        Assert.Equal([0.0, 12.5, 25, 37.5, 50], runs[1].Points.Select(p => p.Compute));
        Assert.Equal(new CurvePoint(12.5, 0.44, 100), runs[0].Points[1]);
        Assert.Equal(ComputeMapping.FromColumn("gpu_hours"), runs[0].Compute);
    }

    [Fact]
    public void A_reward_without_a_compute_value_at_its_step_is_an_error_at_the_reward()
    {
        using var temp = new TempFolder();
        var path = temp.Write("history.csv", "key,value,step,timestamp\nreward,0.1,0,1\ncompute,0,0,1\nreward,0.2,5,2\nreward,0.3,9,3\ncompute,4,9,3\n");

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions()));

        Assert.Equal((ErrorCodes.MetricWithoutCompute, 4, 8), (error.Code, error.Location.Line, error.Location.Column));
        Assert.Equal("'0.2' in column 'reward' with no 'compute' value", error.Found);
    }

    [Fact]
    public void A_missing_reward_key_lists_the_keys_there_are()
    {
        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(History, new ReadOptions { GpuHoursPerStep = 1 }));

        Assert.Equal((ErrorCodes.MissingColumn, 1, 1), (error.Code, error.Location.Line, error.Location.Column));
        Assert.Equal("rows with the keys 'train/loss', 'eval/reward' and 'gpu_hours'", error.Found);
        Assert.Equal("rows whose key is 'reward' (the reward; RewardColumn names another)", error.Expected);
    }

    [Fact]
    public void Without_a_compute_key_or_GPU_hours_per_step_there_is_no_compute()
    {
        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(History, new ReadOptions { RewardColumn = "eval/reward" }));

        Assert.Equal(ErrorCodes.NoComputeMapping, error.Code);
        Assert.StartsWith("GpuHoursPerStep, to turn step column 'step' into GPU-hours; or rows with a 'compute' key", error.Expected);
    }

    [Fact]
    public void A_compute_key_twice_at_one_step_is_an_error_at_the_second()
    {
        using var temp = new TempFolder();
        var path = temp.Write("history.csv", "key,value,step,timestamp\nreward,0.1,0,1\ncompute,0,0,1\ncompute,1,0,2\n");

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions()));

        Assert.Equal((ErrorCodes.DuplicateCompute, 4, 9), (error.Code, error.Location.Line, error.Location.Column));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
