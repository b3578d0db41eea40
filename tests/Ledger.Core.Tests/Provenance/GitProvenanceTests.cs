using System.Diagnostics;
using Ledger.Core.Provenance;

namespace Ledger.Core.Tests.Provenance;

/// <summary>Provenance from a real temporary git repository.</summary>
public sealed class GitProvenanceTests : IDisposable
{
    private readonly TempFolder _repository = new();

    public GitProvenanceTests()
    {
        Git("init", "--quiet", "--initial-branch=trunk");
        File.WriteAllText(Path.Combine(_repository.Path, "runs.csv"), "compute,reward\n0,0.1\n");
        Git("add", "runs.csv");
        Git("-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "commit", "--quiet", "-m", "first");
    }

    public void Dispose() => _repository.Dispose();

    private string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _repository.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEndAsync();
        var errors = git.StandardError.ReadToEndAsync();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', arguments)} failed: {errors.Result}");
        return output.Result.Trim();
    }

    [Fact]
    public void Outside_CI_the_commit_and_branch_come_from_git()
    {
        var provenance = BuildProvenance.Detect(null, null, _ => null, _repository.Path);

        Assert.Equal(new BuildProvenance(Git("rev-parse", "HEAD"), "trunk", null, ProvenanceSource.Git), provenance);
        Assert.Matches("^[0-9a-f]{40}$", provenance.Commit);
    }

    [Fact]
    public void A_detached_head_has_its_commit_but_no_branch()
    {
        Git("checkout", "--quiet", "--detach");

        var provenance = BuildProvenance.Detect(null, null, _ => null, _repository.Path);

        Assert.Equal((Git("rev-parse", "HEAD"), "local", ProvenanceSource.Git), (provenance.Commit, provenance.Branch, provenance.Source));
    }

    [Fact]
    public void A_branch_option_with_git_for_the_commit()
    {
        var provenance = BuildProvenance.Detect(null, "release", _ => null, _repository.Path);

        Assert.Equal((Git("rev-parse", "HEAD"), "release", ProvenanceSource.Git), (provenance.Commit, provenance.Branch, provenance.Source));
    }
}
