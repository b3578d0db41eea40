using Ledger.Core.Ingest;
using Ledger.Core.Provenance;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>
/// `ledger append`: reads every log, then adds all of them to the ledger in one store call under the build's
/// commit and branch. A file is appended whole or not at all, and so is the call: every log is read and checked
/// before the ledger is even opened, so bad input (exit 2) cannot leave a half-written ledger, or create one.
/// </summary>
public static class AppendUseCase
{
    /// <param name="openStore">Opens the ledger; called only after every log has been read successfully.</param>
    /// <exception cref="Diagnostics.LedgerInputException">A path or a log is bad; nothing was written.</exception>
    /// <exception cref="Diagnostics.LedgerUnavailableException">The ledger cannot be opened or written; nothing was written.</exception>
    public static AppendOutcome Run(AppendRequest request, Func<ILedgerStore> openStore)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(openStore);

        var runs = request.Logs
            .SelectMany(selection => RunLogBatch.Read(RunLogSources.Expand(selection.Paths, request.BaseDirectory), selection.Read))
            .Select(run => run with { SourcePath = RunLogPaths.Relative(run.SourcePath, request.BaseDirectory) })
            .ToList();
        var warnings = runs.SelectMany(run => run.Warnings.Select(w => $"{run.SourcePath}: warning: {w}")).Distinct().ToList();

        var provenance = BuildProvenance.Detect(request.CommitOption, request.BranchOption, request.Environment, request.BaseDirectory);
        var draft = new SnapshotDraft(provenance.Commit, provenance.Branch, request.Time);
        using var store = openStore();
        var result = store.Append(draft, runs);
        return new AppendOutcome(provenance, result.Snapshot, runs.Count, result.NewRuns, result.ExistingRuns, warnings);
    }
}
