namespace Ledger.Core.Ingest;

/// <summary>How a log's x axis became compute: compute = value of <see cref="Column"/> x <see cref="Scale"/>.</summary>
public enum ComputeSource
{
    /// <summary>A column that already holds compute in GPU-hours (scale 1).</summary>
    ComputeColumn,
    /// <summary>A step column times GPU-hours per step.</summary>
    StepTimesGpuHoursPerStep,
    /// <summary>A runtime column in seconds times GPUs / 3600.</summary>
    RuntimeTimesGpus,
    /// <summary>
    /// A wall-clock column in seconds, less its value on the first row, times GPUs / 3600: TensorBoard's wall time
    /// is a Unix time, not a runtime. The reader subtracts the first value, so the scale is the same as for a runtime.
    /// </summary>
    ElapsedWallTimeTimesGpus,
}

public sealed record ComputeMapping(ComputeSource Source, string Column, double Scale)
{
    public static ComputeMapping FromColumn(string column) => new(ComputeSource.ComputeColumn, column, 1.0);

    public static ComputeMapping FromSteps(string stepColumn, double gpuHoursPerStep) =>
        new(ComputeSource.StepTimesGpuHoursPerStep, stepColumn, gpuHoursPerStep);

    public static ComputeMapping FromRuntime(string runtimeColumn, double gpus) =>
        new(ComputeSource.RuntimeTimesGpus, runtimeColumn, gpus / 3600);

    public static ComputeMapping FromElapsedWallTime(string wallTimeColumn, double gpus) =>
        new(ComputeSource.ElapsedWallTimeTimesGpus, wallTimeColumn, gpus / 3600);

    /// <summary>The compute, in GPU-hours, of one value of <see cref="Column"/> (for elapsed wall time: of the value less the first).</summary>
    public double ToCompute(double columnValue) => columnValue * Scale;

    /// <summary>A sentence a person reads in a fit report: what the x axis is.</summary>
    public string Describe() => Source switch
    {
        ComputeSource.ComputeColumn => $"column '{Column}' (GPU-hours)",
        ComputeSource.StepTimesGpuHoursPerStep => $"column '{Column}' x {Scale.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} GPU-hours per step",
        ComputeSource.RuntimeTimesGpus => $"column '{Column}' (seconds) x {(Scale * 3600).ToString("R", System.Globalization.CultureInfo.InvariantCulture)} GPUs / 3600",
        ComputeSource.ElapsedWallTimeTimesGpus => $"column '{Column}' less its first value (seconds) x {(Scale * 3600).ToString("R", System.Globalization.CultureInfo.InvariantCulture)} GPUs / 3600",
        _ => throw new InvalidOperationException($"unknown compute source {Source}"),
    };
}
