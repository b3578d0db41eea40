using Ledger.Core.Diagnostics;
using Ledger.Core.Pipeline;

namespace Ledger.Core.Reporting;

/// <summary>The one line `ledger append` prints on success.</summary>
public static class AppendText
{
    /// <example>appended 12 runs to snapshot 3 (main@3f2a1c9): 10 new, 2 already in the ledger</example>
    public static string Write(AppendOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var runs = outcome.Runs == 1 ? "1 run" : $"{outcome.Runs} runs";
        return $"appended {runs} to snapshot {outcome.Snapshot.Id} ({Build(outcome.Snapshot.Branch, outcome.Snapshot.Commit)}): " +
               $"{outcome.NewRuns} new, {outcome.ExistingRuns} already in the ledger\n";
    }

    /// <summary>"main@3f2a1c9": a build as the text outputs name it, one line whatever the branch and commit hold (<see cref="DisplayText"/>).</summary>
    public static string Build(string branch, string commit) => $"{DisplayText.Escape(branch)}@{DisplayText.Escape(ShortCommit(commit))}";

    /// <summary>A full git hash (40 or 64 hex digits) shortened to git's usual 7; anything else as given.</summary>
    public static string ShortCommit(string commit) =>
        commit.Length is 40 or 64 && commit.All(Uri.IsHexDigit) ? commit[..7] : commit;
}
