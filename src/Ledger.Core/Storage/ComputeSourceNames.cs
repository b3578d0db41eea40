using Ledger.Core.Ingest;

namespace Ledger.Core.Storage;

/// <summary>
/// The stable names under which compute sources enter digests and the ledger file. Spelled out rather than taken
/// from the enum so that renaming or reordering <see cref="ComputeSource"/> can change neither a digest nor the
/// meaning of a stored run.
/// </summary>
internal static class ComputeSourceNames
{
    public static string ToName(ComputeSource source) => source switch
    {
        ComputeSource.ComputeColumn => "compute-column",
        ComputeSource.StepTimesGpuHoursPerStep => "step-x-gpu-hours-per-step",
        ComputeSource.RuntimeTimesGpus => "runtime-x-gpus",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "no stable name for this compute source"),
    };

    /// <summary>The source of a stored name; null for a name this version does not know.</summary>
    public static ComputeSource? FromName(string name) => name switch
    {
        "compute-column" => ComputeSource.ComputeColumn,
        "step-x-gpu-hours-per-step" => ComputeSource.StepTimesGpuHoursPerStep,
        "runtime-x-gpus" => ComputeSource.RuntimeTimesGpus,
        _ => null,
    };
}
