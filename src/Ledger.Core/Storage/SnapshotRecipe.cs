namespace Ledger.Core.Storage;

/// <summary>One recipe of one snapshot: what a caller asks the store for when it needs some recipes' fits, not all.</summary>
public readonly record struct SnapshotRecipe(long SnapshotId, string Recipe);
