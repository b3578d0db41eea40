using Ledger.Core.Changes;

namespace Ledger.Core.Gating;

/// <summary>
/// What the history of the baseline branch says of one recipe since the reference (GateDrift): A at the reference (the
/// level of the plateau that holds it), A now (the level of the plateau that ends with this build), their change tested
/// with the tolerance as a margin, and the first change that moved A the bad way since the reference.
/// </summary>
/// <param name="Reference">The reference snapshot as the report names it ("main@3f2a1c9").</param>
/// <param name="AdjustedP">The margin p-value of the fall, times the places a change could be in the history read.</param>
/// <param name="Began">The first change of the history that moved A the bad way: where the fall began; null when A did not fall.</param>
public sealed record DriftFinding(string Reference, SeedLevelEstimate AtReference, SeedLevelEstimate Now, ChangeTest Test, double AdjustedP, DetectedChange? Began)
{
    /// <summary>Whether A moved the bad way by more than <paramref name="tolerance"/> by its estimate.</summary>
    public bool Worsened(double tolerance) => Test.Worsening > tolerance && Began is not null;
}
