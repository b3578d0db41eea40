namespace Ledger.Core.Changes;

/// <summary>
/// A change someone accepted (a known, intended shift), from the allow-list file the team reviews: the recipe, the
/// commit the change was reported at (its <c>commit</c>, or any of its <c>commits</c>) and why. It is not reported
/// again, and the recipe's history is read afresh from the first measurement at the new level.
/// </summary>
public sealed record Acknowledgement(string Recipe, string Commit, string Reason);

/// <summary>An acknowledgement that applied: the change it accepted, or null when the history showed none there (it still cuts the history at its commit).</summary>
public sealed record AcknowledgedChange(Acknowledgement Acknowledgement, DetectedChange? Change);
