namespace Ledger.Core.Project;

/// <summary>
/// One LedgerRunLog item of a project: its full path and its metadata (Recipe, RecipeFrom, RecipePattern, Format,
/// ComputeColumn, RewardColumn, Tolerance, and the other read options by their <see cref="Ingest.ReadOptions"/> names).
/// Empty metadata means "the default".
/// </summary>
public sealed record RunLogItem(string FullPath, IReadOnlyDictionary<string, string> Metadata);
