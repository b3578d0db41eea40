namespace Ledger.Core.Storage;

/// <summary>The outcome of one append call.</summary>
/// <param name="Snapshot">The commit's snapshot after the append.</param>
/// <param name="NewRuns">Runs whose content the ledger did not hold before.</param>
/// <param name="ExistingRuns">Runs whose content was already there (also a repeat within the same call); nothing was written for them.</param>
/// <param name="Stored">
/// Runs this call stored, as the ledger now holds them, for a caller that goes on to fit them without reading them back;
/// a store may leave out any (the server leaves out all: another machine may store the same run at the same time).
/// </param>
public sealed record AppendResult(Snapshot Snapshot, int NewRuns, int ExistingRuns, IReadOnlyList<StoredRun> Stored);
