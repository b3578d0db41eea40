namespace Ledger.Core.Provenance;

/// <summary>A CI variable's value and the variable's name, so an error about the value can name where it came from.</summary>
internal sealed record CiValue(string Value, string Variable);

/// <summary>What a CI system's variables say about the build; any part may be missing.</summary>
internal sealed record CiProvenance(ProvenanceSource Source, CiValue Commit, CiValue? Branch, CiValue? BaseBranch)
{
    private const string RefsHeads = "refs/heads/";
    private const string Origin = "origin/";

    /// <summary>The first CI system whose commit variable is set, or null outside CI.</summary>
    public static CiProvenance? Detect(Func<string, string?> environment)
    {
        CiValue? Get(string name) => environment(name) is { } value && !BuildProvenance.Blank(value) ? new(value.Trim(), name) : null;

        // GITHUB_SHA of a pull_request event is the test merge commit GitHub builds, which is what ran.
        if (Get("GITHUB_SHA") is { } githubSha)
            return new(ProvenanceSource.GitHubActions, githubSha,
                Get("GITHUB_HEAD_REF") ?? Get("GITHUB_REF_NAME"),
                Get("GITHUB_BASE_REF"));

        if (Get("CI_COMMIT_SHA") is { } gitlabSha)
            return new(ProvenanceSource.GitLabCi, gitlabSha,
                Get("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME") ?? Get("CI_COMMIT_REF_NAME"),
                Get("CI_MERGE_REQUEST_TARGET_BRANCH_NAME"));

        // BUILD_SOURCEBRANCHNAME is only the last segment (feature/x gives x): prefer the full BUILD_SOURCEBRANCH.
        if (Get("BUILD_SOURCEVERSION") is { } azureSha)
            return new(ProvenanceSource.AzurePipelines, azureSha,
                StripPrefix(Get("SYSTEM_PULLREQUEST_SOURCEBRANCH") ?? Get("BUILD_SOURCEBRANCH") ?? Get("BUILD_SOURCEBRANCHNAME"), RefsHeads),
                StripPrefix(Get("SYSTEM_PULLREQUEST_TARGETBRANCH"), RefsHeads));

        if (Get("GIT_COMMIT") is { } jenkinsSha)
            return new(ProvenanceSource.Jenkins, jenkinsSha,
                Get("CHANGE_BRANCH") ?? StripPrefix(Get("GIT_BRANCH"), Origin),
                Get("CHANGE_TARGET"));

        return null;
    }

    private static CiValue? StripPrefix(CiValue? value, string prefix) =>
        value is not null && value.Value.StartsWith(prefix, StringComparison.Ordinal) ? value with { Value = value.Value[prefix.Length..] } : value;
}
