namespace Ledger.Core.Storage;

/// <summary>
/// The gate's record of one snapshot: its ledger.gate/1 document (<see cref="Document"/>, one line), the data the
/// report's summary.md is rendered from when asked: the verdicts with both A values, the baseline's label, the tolerance,
/// the changes found. A ledger written before file schema version 5 (server schema 2) kept the Markdown the gate printed
/// instead (<see cref="Markdown"/>): that one is read as it was kept.
/// </summary>
public sealed record GateSummary
{
    private GateSummary(long snapshotId, string? document, string? markdown) =>
        (SnapshotId, Document, Markdown) = (snapshotId, document, markdown);

    public long SnapshotId { get; }

    /// <summary>The gate's ledger.gate/1 document; null for a summary kept as Markdown.</summary>
    public string? Document { get; }

    /// <summary>The Markdown an older Ledger kept; null for a gate document.</summary>
    public string? Markdown { get; }

    public static GateSummary OfDocument(long snapshotId, string document) => new(snapshotId, document ?? throw new ArgumentNullException(nameof(document)), null);

    public static GateSummary OfMarkdown(long snapshotId, string markdown) => new(snapshotId, null, markdown ?? throw new ArgumentNullException(nameof(markdown)));
}
