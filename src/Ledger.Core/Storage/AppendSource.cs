using Ledger.Core.Ingest;

namespace Ledger.Core.Storage;

/// <summary>One run-log file's part of an append, in file order: the runs read from it now, or the record of an earlier read.</summary>
/// <param name="Key">The file's read key, to record it as read; null for a source that is not recorded (an MLflow run folder).</param>
/// <param name="Runs">The runs read now; empty when <paramref name="Known"/> is set.</param>
/// <param name="Known">The ledger's record of the same file read unchanged before: its runs are in the ledger already.</param>
public sealed record AppendSource(string? Key, IReadOnlyList<RunLog> Runs, ReadFileRecord? Known)
{
    public static AppendSource Read(string? key, IReadOnlyList<RunLog> runs) => new(key, runs, null);

    public static AppendSource Reused(ReadFileRecord record) => new(record.Key, [], record);
}
