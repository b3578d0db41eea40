namespace Ledger.Core.Storage;

/// <summary>A current fit's identity and, when the reader asked for fits of its origin, its payload (<see cref="StoredFit.PayloadJson"/>); null otherwise.</summary>
public sealed record IdentifiedPayload(FitIdentity Identity, string? Payload);
