using Ledger.Core.Ingest;

namespace Ledger.Core.Storage;

/// <summary>
/// One run as the ledger keeps it. <see cref="Digest"/> identifies its content (see <see cref="RunDigest"/>);
/// the name, path, format and tags are those of the first append that brought this content, since later appends
/// of the same content are no-ops.
/// </summary>
public sealed record StoredRun(
    string Digest,
    string Recipe,
    string RunName,
    string SourcePath,
    string Format,
    ComputeMapping ComputeMapping,
    string RewardColumn,
    IReadOnlyList<CurvePoint> Points,
    IReadOnlyList<string> Tags,
    string FirstSeenCommit,
    DateTimeOffset FirstSeenTime)
{
    /// <summary>A run as an append stores it the first time: its name, path and format, the draft's tags, commit and time.</summary>
    internal static StoredRun FirstSeen(RunLog run, string digest, SnapshotDraft draft) =>
        new(digest, run.Recipe, run.RunName, run.SourcePath, run.Format, run.Compute, run.RewardColumn, run.Points, draft.RunTags, draft.Commit, draft.Time);
}
