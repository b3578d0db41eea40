using Ledger.Core.Ingest;

namespace Ledger.Core.Tests.Ingest;

public class ComputeMappingTests
{
    private const string Log = "step,_runtime,reward\n0,0,0.1\n100,1800,0.4\n250,4500,0.6\n";

    [Fact]
    public void A_compute_column_is_used_as_it_is()
    {
        using var temp = new TempFolder();
        var path = temp.Write("run.csv", "step,compute,reward\n0,0,0.1\n100,12.5,0.4\n");

        var run = Assert.Single(RunLogReader.Read(path, new ReadOptions { GpuHoursPerStep = 3 }));

        Assert.Equal([new CurvePoint(0, 0.1, 0), new CurvePoint(12.5, 0.4, 100)], run.Points);
        Assert.Equal(ComputeMapping.FromColumn("compute"), run.Compute);
        Assert.Contains("GpuHoursPerStep and Gpus are ignored: compute comes from column 'compute'", run.Warnings);
    }

    [Fact]
    public void Without_a_compute_column_compute_is_step_times_GPU_hours_per_step()
    {
        using var temp = new TempFolder();

        var run = Assert.Single(RunLogReader.Read(temp.Write("run.csv", Log), new ReadOptions { GpuHoursPerStep = 0.25 }));

        Assert.Equal([new CurvePoint(0, 0.1, 0), new CurvePoint(25, 0.4, 100), new CurvePoint(62.5, 0.6, 250)], run.Points);
        Assert.Equal(new ComputeMapping(ComputeSource.StepTimesGpuHoursPerStep, "step", 0.25), run.Compute);
        Assert.Equal("column 'step' x 0.25 GPU-hours per step", run.Compute.Describe());
    }

    [Fact]
    public void Without_compute_or_step_mapping_compute_is_runtime_seconds_times_GPUs_over_3600()
    {
        using var temp = new TempFolder();

        var run = Assert.Single(RunLogReader.Read(temp.Write("run.csv", Log), new ReadOptions { Gpus = 8 }));

        Assert.Equal([0.0, 4.0, 10.0], run.Points.Select(p => p.Compute), new ToleranceComparer(1e-12));
        Assert.Equal([0.1, 0.4, 0.6], run.Points.Select(p => p.Reward));
        Assert.Equal((ComputeSource.RuntimeTimesGpus, "_runtime"), (run.Compute.Source, run.Compute.Column));
    }

    [Fact]
    public void The_step_column_defaults_to_the_first_of_step_names_present()
    {
        using var temp = new TempFolder();
        var path = temp.Write("run.csv", "global_step,Step,reward\n1,10,0.1\n2,20,0.2\n");

        var run = Assert.Single(RunLogReader.Read(path, new ReadOptions { GpuHoursPerStep = 1 }));

        Assert.Equal("Step", run.Compute.Column);
        Assert.Equal([10.0, 20.0], run.Points.Select(p => p.Compute));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
