namespace Ledger.Core.Storage;

/// <summary>
/// The gate's Markdown summary of one snapshot, exactly as `ledger gate --format markdown` printed it, kept so the
/// report's summary.md is that same text (the verdict records alone do not hold the tolerance, the baseline's label
/// or the p-values it was written from).
/// </summary>
public sealed record GateSummary(long SnapshotId, string Markdown);
