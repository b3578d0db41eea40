namespace Ledger.MSBuild.Tests;

/// <summary>
/// The build refuses, with a canonical error at the file, what the tool refuses: a page of the user's where the report
/// would go (unless LedgerReportForce), an allow-list the project names that does not exist, and a branch with a line
/// break in it. Each is a real `dotnet build` of a consumer against the packed package.
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed class MsBuildSafetyTests
{
    [Fact]
    public void A_page_of_the_user_s_in_the_report_folder_fails_the_build_and_LedgerReportForce_replaces_it()
    {
        using var consumer = Consumer.Create().WithExampleRuns().With("LedgerCommit", "c1").With("LedgerBranch", "main").RunLogs("runs/**/*.csv").Save();
        consumer.WriteFile("ledger-report/index.html", "<p>our own page</p>");
        var index = Path.Combine(consumer.Folder, "ledger-report", "index.html");

        var refused = consumer.Build();
        var kept = File.ReadAllText(index);
        var forced = consumer.Build("-p:LedgerReportForce=true");

        Assert.True(refused.ExitCode == 1, refused.Output);
        Assert.Contains($"{index} : error LEDGER131: found a file of the report's name that Ledger did not write", refused.Stdout);
        Assert.Equal("<p>our own page</p>", kept);
        Assert.True(forced.ExitCode == 0, forced.Output);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(index));
    }

    [Fact]
    public void A_named_allow_list_that_is_missing_fails_the_gate_and_a_branch_with_a_line_break_fails_before_the_ledger_is_written()
    {
        using var consumer = Consumer.Create().WithExampleRuns().With("LedgerCommit", "c1").With("LedgerBranch", "main")
            .With("LedgerAllowList", "ci/ledger.allow.json").RunLogs("runs/**/*.csv").Save();

        var missing = consumer.Build();
        consumer.With("LedgerAllowList", "").With("LedgerBranch", "main\n::error::injected").Save();
        File.Delete(consumer.Database);
        var hostile = consumer.Build();

        Assert.True(missing.ExitCode == 1, missing.Output);
        Assert.Contains($"{Path.Combine(consumer.Folder, "ci", "ledger.allow.json")} : error LEDGER101: found no such file", missing.Stdout);
        Assert.True(hostile.ExitCode == 1, hostile.Output);
        Assert.Contains($"{consumer.ProjectFile} : error LEDGER130: found a branch (LedgerBranch) with the control character \\n", hostile.Stdout);
        Assert.DoesNotContain(hostile.Output.Split('\n'), line => line.StartsWith("::error::", StringComparison.Ordinal));
        Assert.False(File.Exists(consumer.Database));
    }
}
