namespace Ledger.Core.Storage;

/// <summary>What an append call knows about its build before the store assigns a snapshot.</summary>
/// <param name="Time">When the build happened; the store never reads the clock, so callers and tests decide.</param>
/// <param name="RunTags">Tags given to every run this append stores for the first time.</param>
public sealed record SnapshotDraft(string Commit, string Branch, DateTimeOffset Time, IReadOnlyList<string> RunTags)
{
    /// <summary>A draft whose runs get no tags.</summary>
    public SnapshotDraft(string commit, string branch, DateTimeOffset time)
        : this(commit, branch, time, []) { }
}
