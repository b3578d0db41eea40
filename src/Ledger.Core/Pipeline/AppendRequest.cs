using Ledger.Core.Ingest;
using Ledger.Core.Provenance;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>Run logs read the same way: files, folders or globs, and how to read them.</summary>
public sealed record LogSelection(IReadOnlyList<string> Paths, ReadOptions Read);

/// <summary>
/// `ledger append`: which logs to add and which build they belong to. Paths may be files, folders or globs,
/// relative to <paramref name="BaseDirectory"/>, which is also where git is asked for the commit and branch.
/// </summary>
/// <param name="Logs">The logs, in selections that may each be read their own way (MSBuild items carry their own metadata).</param>
/// <param name="CommitOption">The explicit --commit, or null to detect it (CI variables, git, else "local").</param>
/// <param name="BranchOption">The explicit --branch, or null to detect it.</param>
/// <param name="Time">The snapshot's time, read from the clock once by the caller: the pipeline and the store never read it.</param>
/// <param name="Environment">Looks up an environment variable (CI provenance); a parameter so tests can pass a dictionary.</param>
public sealed record AppendRequest(
    IReadOnlyList<LogSelection> Logs,
    string BaseDirectory,
    string? CommitOption,
    string? BranchOption,
    DateTimeOffset Time,
    Func<string, string?> Environment)
{
    /// <summary>Logs that are all read the same way, as the CLI's paths and read options give them.</summary>
    public AppendRequest(IReadOnlyList<string> paths, string baseDirectory, ReadOptions read, string? commitOption, string? branchOption,
        DateTimeOffset time, Func<string, string?> environment)
        : this([new LogSelection(paths, read)], baseDirectory, commitOption, branchOption, time, environment)
    {
    }
}

/// <summary>What one append call did.</summary>
/// <param name="Provenance">The commit and branch the runs were tagged with, and where they came from.</param>
/// <param name="Snapshot">The commit's snapshot after the append (it may hold runs of earlier calls under the same commit).</param>
/// <param name="Runs">Runs read from the logs (a file with a run column yields several).</param>
/// <param name="NewRuns">Runs the ledger did not hold before this call.</param>
/// <param name="ExistingRuns">Runs whose content was already in the ledger (or repeated within this call): nothing was written for them.</param>
/// <param name="Warnings">Things the reads noticed that do not stop the append, one line each, naming the file.</param>
/// <param name="FilesRead">Files (or MLflow run folders) read by this call.</param>
/// <param name="FilesReused">Files the ledger had already read, unchanged, and that were therefore not read again.</param>
public sealed record AppendOutcome(
    BuildProvenance Provenance,
    Snapshot Snapshot,
    int Runs,
    int NewRuns,
    int ExistingRuns,
    IReadOnlyList<string> Warnings,
    int FilesRead,
    int FilesReused);
