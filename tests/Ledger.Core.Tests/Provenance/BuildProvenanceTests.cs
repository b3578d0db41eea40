using Ledger.Core.Diagnostics;
using Ledger.Core.Provenance;

namespace Ledger.Core.Tests.Provenance;

public sealed class BuildProvenanceTests : IDisposable
{
    // Not a git repository, so git has nothing to say and the tests show what CI variables alone give.
    private readonly TempFolder _notARepository = new();

    public void Dispose() => _notARepository.Dispose();

    private BuildProvenance Detect(Dictionary<string, string> variables, string? commit = null, string? branch = null) =>
        BuildProvenance.Detect(commit, branch, name => variables.GetValueOrDefault(name), _notARepository.Path);

    [Fact]
    public void GitHub_Actions_push_uses_GITHUB_SHA_and_GITHUB_REF_NAME()
    {
        var provenance = Detect(new() { ["GITHUB_SHA"] = "abc123", ["GITHUB_REF_NAME"] = "main", ["GITHUB_HEAD_REF"] = "", ["GITHUB_BASE_REF"] = "" });

        Assert.Equal(new BuildProvenance("abc123", "main", null, ProvenanceSource.GitHubActions), provenance);
    }

    [Fact]
    public void GitHub_Actions_pull_request_uses_the_head_branch_and_exposes_the_target()
    {
        var provenance = Detect(new() { ["GITHUB_SHA"] = "abc123", ["GITHUB_REF_NAME"] = "17/merge", ["GITHUB_HEAD_REF"] = "feature/x", ["GITHUB_BASE_REF"] = "main" });

        Assert.Equal(new BuildProvenance("abc123", "feature/x", "main", ProvenanceSource.GitHubActions), provenance);
    }

    [Fact]
    public void GitLab_CI_branch_pipeline()
    {
        var provenance = Detect(new() { ["CI_COMMIT_SHA"] = "def456", ["CI_COMMIT_REF_NAME"] = "release/2" });

        Assert.Equal(new BuildProvenance("def456", "release/2", null, ProvenanceSource.GitLabCi), provenance);
    }

    [Fact]
    public void GitLab_CI_merge_request_pipeline()
    {
        var provenance = Detect(new()
        {
            ["CI_COMMIT_SHA"] = "def456", ["CI_COMMIT_REF_NAME"] = "refs/merge-requests/5/head",
            ["CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"] = "feature/y", ["CI_MERGE_REQUEST_TARGET_BRANCH_NAME"] = "main",
        });

        Assert.Equal(new BuildProvenance("def456", "feature/y", "main", ProvenanceSource.GitLabCi), provenance);
    }

    [Fact]
    public void Azure_Pipelines_branch_build_strips_refs_heads_and_keeps_slashes_in_the_name()
    {
        var provenance = Detect(new() { ["BUILD_SOURCEVERSION"] = "0a1b2c", ["BUILD_SOURCEBRANCH"] = "refs/heads/feature/z", ["BUILD_SOURCEBRANCHNAME"] = "z" });

        Assert.Equal(new BuildProvenance("0a1b2c", "feature/z", null, ProvenanceSource.AzurePipelines), provenance);
    }

    [Fact]
    public void Azure_Pipelines_falls_back_to_BUILD_SOURCEBRANCHNAME()
    {
        var provenance = Detect(new() { ["BUILD_SOURCEVERSION"] = "0a1b2c", ["BUILD_SOURCEBRANCHNAME"] = "main" });

        Assert.Equal("main", provenance.Branch);
    }

    [Fact]
    public void Azure_Pipelines_pull_request_uses_source_and_target_branches()
    {
        var provenance = Detect(new()
        {
            ["BUILD_SOURCEVERSION"] = "0a1b2c", ["BUILD_SOURCEBRANCH"] = "refs/pull/9/merge", ["BUILD_SOURCEBRANCHNAME"] = "merge",
            ["SYSTEM_PULLREQUEST_SOURCEBRANCH"] = "refs/heads/feature/z", ["SYSTEM_PULLREQUEST_TARGETBRANCH"] = "refs/heads/main",
        });

        Assert.Equal(new BuildProvenance("0a1b2c", "feature/z", "main", ProvenanceSource.AzurePipelines), provenance);
    }

    [Fact]
    public void Jenkins_branch_build_strips_origin()
    {
        var provenance = Detect(new() { ["GIT_COMMIT"] = "9f8e7d", ["GIT_BRANCH"] = "origin/main" });

        Assert.Equal(new BuildProvenance("9f8e7d", "main", null, ProvenanceSource.Jenkins), provenance);
    }

    [Fact]
    public void Jenkins_change_request_uses_CHANGE_BRANCH_and_CHANGE_TARGET()
    {
        var provenance = Detect(new() { ["GIT_COMMIT"] = "9f8e7d", ["GIT_BRANCH"] = "PR-4", ["CHANGE_BRANCH"] = "feature/w", ["CHANGE_TARGET"] = "main" });

        Assert.Equal(new BuildProvenance("9f8e7d", "feature/w", "main", ProvenanceSource.Jenkins), provenance);
    }

    [Fact]
    public void Explicit_options_win_over_CI_variables_which_still_give_the_target()
    {
        var provenance = Detect(new() { ["GITHUB_SHA"] = "abc123", ["GITHUB_HEAD_REF"] = "feature/x", ["GITHUB_BASE_REF"] = "main" }, commit: "explicit", branch: "mine");

        Assert.Equal(new BuildProvenance("explicit", "mine", "main", ProvenanceSource.Options), provenance);
    }

    [Fact]
    public void A_commit_option_alone_takes_the_branch_from_CI()
    {
        var provenance = Detect(new() { ["GITHUB_SHA"] = "abc123", ["GITHUB_REF_NAME"] = "main" }, commit: "explicit");

        Assert.Equal(new BuildProvenance("explicit", "main", null, ProvenanceSource.Options), provenance);
    }

    [Fact]
    public void Without_options_CI_or_a_repository_it_is_local()
    {
        var provenance = Detect([]);

        Assert.Equal(new BuildProvenance("local", "local", null, ProvenanceSource.Local), provenance);
    }

    [Fact]
    public void A_working_directory_that_does_not_exist_is_local_too()
    {
        var provenance = BuildProvenance.Detect(null, null, _ => null, Path.Combine(_notARepository.Path, "gone"));

        Assert.Equal(ProvenanceSource.Local, provenance.Source);
    }

    [Theory]
    [InlineData("main\n::error::injected")]
    [InlineData("main\r")]
    [InlineData("feat\u001B[2Jx")]
    [InlineData("fix\u202Egnp")]
    public void A_branch_option_with_a_control_character_is_LEDGER130_at_the_option(string branch)
    {
        var e = Assert.Throws<LedgerInputException>(() => Detect([], commit: "c1", branch: branch));

        Assert.Equal((ErrorCodes.UnsafeBuildName, "--branch"), (e.Code, e.Location.File));
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_commit_option_with_a_line_break_is_LEDGER130_at_the_option()
    {
        var e = Assert.Throws<LedgerInputException>(() => Detect([], commit: "abc\n::error::x", branch: "main"));

        Assert.Equal((ErrorCodes.UnsafeBuildName, "--commit"), (e.Code, e.Location.File));
        Assert.StartsWith("a commit with the control character \\n at character 4", e.Found);
    }

    [Theory]
    [InlineData("GITHUB_HEAD_REF", "feature\n::error::injected")]
    [InlineData("GITHUB_SHA", "abc\u0007123")]
    [InlineData("GITHUB_BASE_REF", "main\n::warning::x")]
    public void A_CI_variable_with_a_control_character_is_refused_naming_the_variable(string variable, string value)
    {
        var variables = new Dictionary<string, string> { ["GITHUB_SHA"] = "abc123", ["GITHUB_HEAD_REF"] = "feature/x", ["GITHUB_BASE_REF"] = "main" };
        variables[variable] = value;

        var e = Assert.Throws<LedgerInputException>(() => Detect(variables));

        Assert.Equal((ErrorCodes.UnsafeBuildName, variable), (e.Code, e.Location.File));
    }

    [Fact]
    public void A_CI_variable_that_an_option_overrides_is_not_used_and_not_refused()
    {
        var provenance = Detect(new() { ["GITHUB_SHA"] = "abc123", ["GITHUB_HEAD_REF"] = "feature\n::error::injected" }, branch: "feature/x");

        Assert.Equal(new BuildProvenance("abc123", "feature/x", null, ProvenanceSource.GitHubActions), provenance);
    }
}
