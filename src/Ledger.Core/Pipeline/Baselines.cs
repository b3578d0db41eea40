using Ledger.Core.Diagnostics;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>
/// The snapshot a build is compared with (DESIGN.md section 4): the newest snapshot of the baseline branch older than
/// the build's own (on that same branch, the previous snapshot), or a given commit. The baseline branch is
/// --baseline, else a pull request's target branch, else main.
/// </summary>
public static class Baselines
{
    public const string DefaultBranch = "main";

    /// <param name="snapshots">Every snapshot of the ledger, oldest first.</param>
    /// <param name="option">The explicit --baseline (a branch, or a commit or its prefix), or null.</param>
    /// <param name="pullRequestTarget">The branch a pull request targets, when CI says the build is one.</param>
    /// <returns>The baseline, or null when the ledger has none yet (every recipe is then new).</returns>
    /// <exception cref="LedgerInputException">LEDGER124: an explicit commit that no snapshot has.</exception>
    public static Snapshot? Find(IReadOnlyList<Snapshot> snapshots, Snapshot current, string? option, string? pullRequestTarget)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(current);
        var name = string.IsNullOrWhiteSpace(option) ? pullRequestTarget ?? DefaultBranch : option;
        if (snapshots.Any(s => s.Branch == name))
            return snapshots.LastOrDefault(s => s.Branch == name && s.Id < current.Id);
        if (string.IsNullOrWhiteSpace(option) || !LooksLikeCommit(option))
            return null; // A branch the ledger has not seen yet: nothing to compare with.
        return snapshots.LastOrDefault(s => s.Id != current.Id && s.Commit.StartsWith(option, StringComparison.OrdinalIgnoreCase))
            ?? throw new LedgerInputException(ErrorCodes.UnknownBaseline, SourceLocation.WholeFile("--baseline"),
                $"'{option}', which is neither a branch nor a commit of any other snapshot in the ledger",
                "a branch name, or a commit (or its prefix) the ledger holds a snapshot of");
    }

    /// <summary>
    /// The index of the snapshot among <paramref name="snapshots"/> whose commit is <paramref name="commit"/> or starts with it
    /// (a prefix of 4 or more hex digits, ignoring case, as --baseline takes one).
    /// </summary>
    /// <param name="option">The option that named the commit, for the error.</param>
    /// <exception cref="LedgerInputException">LEDGER124: no such snapshot on the branch.</exception>
    public static int IndexOfCommit(IReadOnlyList<Snapshot> snapshots, string commit, string option, string branch)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        return IndexOfCommit(snapshots.Select(s => s.Commit).ToList(), commit, option, branch);
    }

    /// <summary>As <see cref="IndexOfCommit(IReadOnlyList{Snapshot}, string, string, string)"/>, among the snapshots' commits.</summary>
    public static int IndexOfCommit(IReadOnlyList<string> commits, string commit, string option, string branch)
    {
        ArgumentNullException.ThrowIfNull(commits);
        ArgumentNullException.ThrowIfNull(commit);
        for (var i = 0; i < commits.Count; i++)
        {
            if (commits[i] == commit || (LooksLikeCommit(commit) && commits[i].StartsWith(commit, StringComparison.OrdinalIgnoreCase)))
                return i;
        }
        throw new LedgerInputException(ErrorCodes.UnknownBaseline, SourceLocation.WholeFile(option),
            $"'{commit}', which is not the commit of any snapshot of branch '{branch}'", $"a commit (or its prefix) of a snapshot of branch '{branch}'");
    }

    /// <summary>How the report names the baseline: "main@3f2a1c9".</summary>
    public static string Label(Snapshot baseline) => $"{baseline.Branch}@{Reporting.AppendText.ShortCommit(baseline.Commit)}";

    private static bool LooksLikeCommit(string text) => text.Length is >= 4 and <= 64 && text.All(Uri.IsHexDigit);
}
