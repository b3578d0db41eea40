namespace Ledger.Core.Storage;

/// <summary>
/// One build's view of the ledger: the runs appended under one commit on one branch, grouped by recipe.
/// </summary>
/// <remarks>
/// A snapshot holds exactly the runs appended under its commit and branch, nothing carried forward from earlier
/// commits: a CI build that appends all its logs gets a snapshot that is that build's view. Appending again
/// under the same commit and branch (a CI rerun, or several append calls in one build) adds the new runs to the
/// same snapshot instead of creating another; a snapshot never loses a run.
/// </remarks>
/// <param name="Id">Increases with each new snapshot, so it orders snapshots by when they were first appended.</param>
/// <param name="Time">The time the caller gave when the snapshot was first appended.</param>
/// <param name="Recipes">Recipe name to run digests, recipes in ordinal order, digests in the order first appended.</param>
public sealed record Snapshot(
    long Id,
    string Commit,
    string Branch,
    DateTimeOffset Time,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Recipes);
