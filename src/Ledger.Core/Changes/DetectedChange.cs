using Ledger.Core.Gating;

namespace Ledger.Core.Changes;

/// <summary>A step (A jumped between two commits) or a drift (A moved over several).</summary>
public enum ChangeKind
{
    Step,
    Drift,
}

/// <summary>
/// One change of a recipe's A along a branch. <see cref="Commit"/> is the first commit after the old level (for a step, the
/// first at the new level: the one to look at; for a drift, where the move began); <see cref="Commits"/> every commit of
/// the branch after <see cref="PreviousCommit"/> up to the first at the new level, so a bisection knows where to look
/// (commits whose fit could not tell A lie there too).
/// </summary>
/// <param name="Before">The level before, over its plateau's measurements.</param>
/// <param name="After">The level after.</param>
/// <param name="Test">After minus before, tested with the tolerance as a margin.</param>
/// <param name="AdjustedP">The margin p-value in the change's direction, times the places a change could be.</param>
/// <param name="LastBefore">The index of the last measurement at the old level.</param>
/// <param name="FirstAfter">The index of the first measurement at the new level.</param>
public sealed record DetectedChange(
    string Recipe,
    ChangeKind Kind,
    string PreviousCommit,
    string Commit,
    IReadOnlyList<string> Commits,
    SeedLevelEstimate Before,
    SeedLevelEstimate After,
    ChangeTest Test,
    double AdjustedP,
    int LastBefore,
    int FirstAfter)
{
    public double Delta => Test.Delta;
}

/// <summary>A stretch of measurements at one level: indices <paramref name="First"/> to <paramref name="Last"/> (inclusive).</summary>
public sealed record Plateau(int First, int Last, SeedLevelEstimate Level);

/// <summary>
/// A recipe's A along a branch cut into plateaus and the changes between them (a change between plateau i and i + 1 for
/// every i), for one stretch of its history (acknowledged changes cut a history into stretches).
/// </summary>
public sealed record Segmentation(IReadOnlyList<Plateau> Plateaus, IReadOnlyList<DetectedChange> Changes)
{
    public static Segmentation Empty { get; } = new([], []);
}
