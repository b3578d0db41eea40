using Ledger.Core.Fitting;

namespace Ledger.Core.Changes;

/// <summary>
/// What a change's sentence says (GateMessages.Change): a detected change at one confidence level, or one read back
/// from a gate's recorded document, which keeps these and not the test behind them.
/// </summary>
/// <param name="LastCommit">The last of the commits the change spans: where a drift ended.</param>
/// <param name="CommitCount">How many commits it spans.</param>
/// <param name="Before">A at the old level.</param>
/// <param name="After">A at the new level.</param>
/// <param name="Interval">The change's interval at the level the gate read it with.</param>
public sealed record ChangeOutline(
    string Recipe,
    ChangeKind Kind,
    string PreviousCommit,
    string Commit,
    string LastCommit,
    int CommitCount,
    double Before,
    double After,
    double Delta,
    Interval Interval)
{
    public static ChangeOutline Of(DetectedChange change, double confidenceLevel)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new(change.Recipe, change.Kind, change.PreviousCommit, change.Commit, change.Commits[^1], change.Commits.Count,
            change.Before.Value, change.After.Value, change.Delta, change.Test.Interval(confidenceLevel));
    }
}
