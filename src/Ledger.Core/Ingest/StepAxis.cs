using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>
/// Compute for an export whose only x axis is a step (W&amp;B chart, wide, MLflow): step x GpuHoursPerStep. Without
/// it there is no compute, and the error says so, rather than treating steps as GPU-hours.
/// </summary>
internal static class StepAxis
{
    /// <summary>Line 0 means the error is about the whole log, as for a folder.</summary>
    public static ComputeMapping Resolve(string path, int line, ReadOptions options, string stepColumn, string export, string otherFixes = "")
    {
        if (options.GpuHoursPerStep is { } gpuHoursPerStep)
            return ComputeMapping.FromSteps(stepColumn, gpuHoursPerStep);
        var found = options.Gpus is null
            ? $"{export} without a compute column"
            : $"Gpus, but {export} has no runtime column to multiply";
        throw InputErrors.At(ErrorCodes.NoComputeMapping, path, line, line == 0 ? 0 : 1, found,
            $"GpuHoursPerStep, to turn step column '{stepColumn}' into GPU-hours{otherFixes}");
    }
}
