namespace Ledger.Core.Changes;

/// <summary>
/// What makes a move of A along a branch a change worth naming: it is larger than the tolerance and the data show it
/// (the tolerance as a margin, as the gate reads it: the null hypothesis is "moved by at most the tolerance"), at a
/// family-wise level <see cref="Alpha"/> per recipe over the places a change could be.
/// </summary>
/// <param name="Tolerance">The move of A that matters (the gate's --tolerance).</param>
/// <param name="ConfidenceLevel">Of the intervals reported on the levels and the changes.</param>
public sealed record ChangeRule(double Tolerance, double Alpha = 0.05, double ConfidenceLevel = 0.95)
{
    /// <summary>
    /// gamma = this x ln(measurements), in standard errors: the segmentation's price of a boundary. It only proposes (the
    /// tests decide), so it is set low enough that a step of a few standard errors at the very end of a history, one
    /// measurement past it, is proposed.
    /// </summary>
    public const double BoundaryPrice = 1.0;

    /// <summary>
    /// A change between two levels is clear when its one-sided margin p-value, times the number of places a change could
    /// be (measurements - 1, Bonferroni over a scan), is at most <see cref="Alpha"/>.
    /// </summary>
    public bool IsClear(double pValue, int measurements) => AdjustedP(pValue, measurements) <= Alpha;

    public static double AdjustedP(double pValue, int measurements) => Math.Min(1, pValue * Math.Max(1, measurements - 1));
}
