namespace Ledger.MSBuild.Tests;

/// <summary>`ledger check --project`: the installed tool evaluates a project with the SDK's MSBuild, or says clearly why it cannot.</summary>
[Collection(InstalledToolCollection.Name)]
public sealed class ProjectOptionTests(InstalledTool tool)
{
    [Fact]
    public void A_project_that_is_not_there_or_not_a_project_is_exit_2_with_its_location()
    {
        using var consumer = Consumer.Create().WithExampleRuns().RunLogs("runs/**/*.csv").Save();

        var missing = tool.Run(consumer.Folder, "check", "--project", "nowhere.csproj");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nowhere.csproj: error LEDGER101: found no such project file", missing.Stderr);

        File.WriteAllText(consumer.ProjectFile, "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n</Project>\n");
        var broken = tool.Run(consumer.Folder, "check", "--project", consumer.ProjectFile);
        Assert.Equal(2, broken.ExitCode);
        Assert.Matches(@"consumer\.csproj\(3,\d+\): error LEDGER127: found a project MSBuild cannot evaluate", broken.Stderr);
        Assert.False(File.Exists(consumer.Database));
    }

    [Fact]
    public void Run_logs_and_a_project_together_are_a_usage_error()
    {
        using var consumer = Consumer.Create().WithExampleRuns().RunLogs("runs/**/*.csv").Save();

        var both = tool.Run(consumer.Folder, "check", "runs", "--project", consumer.ProjectFile);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("error LEDGER120: give run logs or --project, not both", both.Stderr);
        var neither = tool.Run(consumer.Folder, "check");
        Assert.Equal(2, neither.ExitCode);
        Assert.Contains("--project", neither.Stderr);
    }

    [Fact]
    public void Explicit_options_win_over_the_project_s_and_the_project_s_logs_are_named_as_the_build_names_them()
    {
        using var consumer = Consumer.Create().WithExampleRuns()
            .With("LedgerCommit", "from-project").With("LedgerBranch", "main")
            .RunLogs("runs/grpo-b512/*.csv", ("Recipe", "grpo-renamed")).Save();
        var database = Path.Combine(consumer.Folder, "elsewhere.db");

        var check = tool.Run(Path.GetTempPath(), "check", "--project", consumer.ProjectFile, "--db", database, "--commit", "from-cli", "--format", "json");
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("\"commit\": \"from-cli\"", check.Stdout);
        Assert.Contains("\"recipe\": \"grpo-renamed\"", check.Stdout);
        Assert.Contains("\"runs/grpo-b512/seed1.csv\"", check.Stdout);
        Assert.True(File.Exists(database));
        Assert.False(File.Exists(consumer.Database));
    }

    [Fact]
    public void Append_fit_and_gate_with_the_project_write_what_the_build_then_finds_already_done()
    {
        using var consumer = Consumer.Create().WithExampleRuns()
            .With("LedgerCommit", "c1").With("LedgerBranch", "main").With("LedgerDatabase", "data/ledger.db")
            .RunLogs("runs/**/*.csv").Save();
        Directory.CreateDirectory(Path.Combine(consumer.Folder, "data"));
        var elsewhere = Path.GetTempPath();

        Assert.Contains("7 new", tool.Run(elsewhere, "append", "--project", consumer.ProjectFile).Require("append --project").Stdout);
        Assert.Contains("3 refitted", tool.Run(elsewhere, "fit", "--project", consumer.ProjectFile).Require("fit --project").Stdout);
        Assert.Contains("passed: 2 new, 1 unidentified", tool.Run(elsewhere, "gate", "--project", consumer.ProjectFile).Require("gate --project").Stdout);

        // The build appends to the same ledger (data/ledger.db beside the project) under the same commit, and reuses the fits.
        var build = consumer.Build();
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains("ledger: appended 7 runs to snapshot 1 (main@c1): 0 new, 7 already in the ledger", build.Stdout);
        Assert.Contains("0 refitted, 3 reused", build.Stdout);
    }
}
