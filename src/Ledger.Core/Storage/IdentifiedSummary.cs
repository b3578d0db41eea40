namespace Ledger.Core.Storage;

/// <summary>A current fit's identity and, when the reader asked for fits of its origin, its summary (<see cref="FitSummaryText"/>, UTF-8); null otherwise.</summary>
public sealed record IdentifiedSummary(FitIdentity Identity, ReadOnlyMemory<byte>? Summary);
