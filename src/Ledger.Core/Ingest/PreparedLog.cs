namespace Ledger.Core.Ingest;

/// <summary>A log made ready for <see cref="RunAssembler"/>: its table, which column plays which part, and its default names.</summary>
internal sealed record PreparedLog(LogTable Table, ColumnPlan Plan, RunNames Names);
