namespace Ledger.Core.Storage;

/// <summary>A current fit's identity and, when the reader asked for fits of its origin, its summary (<see cref="FitSummaryText"/>); null otherwise.</summary>
public sealed record IdentifiedSummary(FitIdentity Identity, string? Summary);
