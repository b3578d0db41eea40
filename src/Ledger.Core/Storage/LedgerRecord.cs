namespace Ledger.Core.Storage;

/// <summary>
/// One record of a ledger, as `ledger export` writes it and `ledger import` reads it: everything a ledger holds is a
/// sequence of these, in an order in which each names only records before it (runs, snapshots, then what was recorded
/// on snapshots, each kind in the order it was recorded).
/// </summary>
public abstract record LedgerRecord;

/// <summary>A run with its points.</summary>
public sealed record RunEntry(StoredRun Run) : LedgerRecord;

/// <summary>A snapshot with the runs of each recipe; its id is kept, since verdicts name their baselines by it.</summary>
public sealed record SnapshotEntry(Snapshot Snapshot) : LedgerRecord;

/// <summary>A fit recorded on a snapshot.</summary>
public sealed record FitEntry(long SnapshotId, StoredFit Fit) : LedgerRecord;

/// <summary>A verdict recorded on a snapshot (allowed regressions are verdicts too, with the allow-list's reason).</summary>
public sealed record VerdictEntry(StoredVerdict Verdict) : LedgerRecord;

/// <summary>A gate's record of a snapshot (its document, or the Markdown an older Ledger kept).</summary>
public sealed record GateSummaryEntry(GateSummary Summary) : LedgerRecord;

/// <summary>The facts a gate call recorded on a snapshot.</summary>
public sealed record GateFactsEntry(GateFacts Facts) : LedgerRecord;

/// <summary>The ledger's record of one read of a run-log file.</summary>
public sealed record ReadFileEntry(ReadFileRecord Record) : LedgerRecord;
