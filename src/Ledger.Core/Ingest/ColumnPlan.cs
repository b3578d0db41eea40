namespace Ledger.Core.Ingest;

/// <summary>
/// Which column of a log plays which part, by column index: the outcome of matching <see cref="ReadOptions"/>
/// against the columns the log really has.
/// </summary>
internal sealed record ColumnPlan(
    int Reward,
    int ComputeSource,
    ComputeMapping Compute,
    int? Step,
    int? Run,
    int? Recipe,
    IReadOnlyList<string> Warnings);
