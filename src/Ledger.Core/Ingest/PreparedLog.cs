namespace Ledger.Core.Ingest;

/// <summary>A log made ready for <see cref="RunAssembler"/>: its table, which column plays which part, and its default names.</summary>
/// <param name="RowPerCell">
/// Each row of <paramref name="Table"/> is one cell of a one-run-per-column export, so a blank metric is a blank cell
/// (a step that run did not log), and is counted as one.
/// </param>
internal sealed record PreparedLog(LogTable Table, ColumnPlan Plan, RunNames Names, bool RowPerCell = false);
