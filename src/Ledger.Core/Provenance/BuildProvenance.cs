namespace Ledger.Core.Provenance;

/// <summary>
/// Which commit and branch a build is, so its runs land in the right snapshot, and for a pull request the
/// branch it targets, which the gate uses as its baseline.
/// </summary>
/// <param name="BaseBranch">The target branch of a pull or merge request, when a CI system says so; otherwise null.</param>
/// <param name="Source">Where <paramref name="Commit"/> came from.</param>
public sealed record BuildProvenance(string Commit, string Branch, string? BaseBranch, ProvenanceSource Source)
{
    /// <summary>Commit and branch of a build that nothing identifies.</summary>
    public const string Local = "local";

    /// <summary>
    /// Each of commit and branch from the first source that knows it: the explicit options, then the CI system's
    /// variables (GitHub Actions, GitLab CI, Azure Pipelines, Jenkins), then <c>git</c> in
    /// <paramref name="workingDirectory"/>, then <see cref="Local"/>. Git is not run when options or CI already
    /// gave both.
    /// </summary>
    /// <param name="environment">Looks up an environment variable; a parameter so tests need not touch the process environment.</param>
    /// <exception cref="Diagnostics.LedgerInputException">LEDGER130: a commit or branch holding a control character.</exception>
    public static BuildProvenance Detect(string? commitOption, string? branchOption, Func<string, string?> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        var commit = Blank(commitOption) ? null : BuildNames.Require(commitOption!, "commit", "--commit");
        var branch = Blank(branchOption) ? null : BuildNames.Require(branchOption!, "branch", "--branch");
        var source = commit is null ? (ProvenanceSource?)null : ProvenanceSource.Options;

        var ci = CiProvenance.Detect(environment);
        if (ci is not null)
        {
            source ??= ci.Source;
            commit ??= Checked(ci.Commit, "commit");
            branch ??= Checked(ci.Branch, "branch");
        }

        if (commit is null || branch is null)
        {
            var git = GitProvenance.Detect(workingDirectory);
            source ??= git.Commit is null ? null : ProvenanceSource.Git;
            commit ??= git.Commit is null ? null : BuildNames.Require(git.Commit, "commit", "git rev-parse HEAD");
            branch ??= git.Branch is null ? null : BuildNames.Require(git.Branch, "branch", "git rev-parse --abbrev-ref HEAD");
        }

        return new BuildProvenance(commit ?? Local, branch ?? Local, Checked(ci?.BaseBranch, "target branch"), source ?? ProvenanceSource.Local);
    }

    internal static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);

    private static string? Checked(CiValue? value, string what) => value is null ? null : BuildNames.Require(value.Value, what, value.Variable);
}
