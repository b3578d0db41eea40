namespace Ledger.Core.Storage;

/// <summary>
/// The gate's verdict on one recipe of one snapshot. The gate engine maps to and from this.
/// </summary>
/// <param name="Verdict">pass, regressed, improved, new, missing, unidentified or allowed, as the gate names them.</param>
/// <param name="BaselineSnapshotId">The snapshot compared against; null when there was none (a new recipe).</param>
/// <param name="DeltaA">Change of the asymptote A against the baseline, with its interval <paramref name="Lower"/>..<paramref name="Upper"/>.</param>
/// <param name="RegimeChange">The new points left the baseline fit's prediction band.</param>
/// <param name="Reason">Why, in words; for an allowed regression the reason from the allow-list.</param>
public sealed record StoredVerdict(
    long SnapshotId,
    string Recipe,
    string Verdict,
    long? BaselineSnapshotId,
    double? DeltaA,
    double? Lower,
    double? Upper,
    bool RegimeChange,
    string? Reason);
