using Ledger.Core.Fitting;
using Ledger.Core.Provenance;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>`ledger fit`: which build's snapshot to fit and how.</summary>
/// <param name="CommitOption">The explicit --commit, or null to detect it (CI variables, git, else "local").</param>
/// <param name="BranchOption">The explicit --branch, or null to detect it.</param>
/// <param name="Environment">Looks up an environment variable (CI provenance).</param>
public sealed record FitRequest(string? CommitOption, string? BranchOption, string BaseDirectory, Func<string, string?> Environment, FitOptions Fit);

/// <summary>What one fit call did.</summary>
/// <param name="Refitted">Recipes fitted now (the ledger held no fit for their inputs, options and fitter version).</param>
/// <param name="Reused">Recipes whose fit the ledger already held, on this snapshot or another with the same inputs.</param>
/// <param name="Recorded">Fits newly recorded on the snapshot.</param>
public sealed record FitOutcome(Snapshot Snapshot, IReadOnlyList<SnapshotRecipeFit> Fits, int Refitted, int Reused, int Recorded);

/// <summary>
/// `ledger fit`: fits every recipe of the build's snapshot whose inputs, options or fitter version have no stored
/// fit, reuses the stored ones (the cache is keyed by input digest), and records the snapshot's fits in one
/// store call, so a rerun with nothing changed computes and writes nothing.
/// </summary>
public static class FitUseCase
{
    /// <exception cref="Diagnostics.LedgerInputException">LEDGER123: the ledger holds no snapshot for the build.</exception>
    public static FitOutcome Run(FitRequest request, ILedgerStore store, IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        var build = BuildProvenance.Detect(request.CommitOption, request.BranchOption, request.Environment, request.BaseDirectory);
        return ForSnapshot(store, BuildSnapshots.Current(store, build), request.Fit, progress);
    }

    /// <summary>Fits one snapshot and records its fits (one RecordFits call, which skips those the snapshot already holds).</summary>
    /// <param name="runsAtHand">Runs as the ledger holds them, already in memory (those an append just stored): not read again.</param>
    public static FitOutcome ForSnapshot(ILedgerStore store, Snapshot snapshot, FitOptions options, IProgress<(int Done, int Total)>? progress = null,
        IReadOnlyCollection<StoredRun>? runsAtHand = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(snapshot);
        var fits = SnapshotFits.Resolve(store, [snapshot], options, progress: progress, runsAtHand: runsAtHand);
        var recorded = SnapshotFits.Record(store, fits);
        return new FitOutcome(snapshot, fits, fits.Count(f => !f.FromLedger), fits.Count(f => f.FromLedger), recorded);
    }
}
