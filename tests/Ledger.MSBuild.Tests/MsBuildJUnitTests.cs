using System.Xml.Linq;

namespace Ledger.MSBuild.Tests;

/// <summary>LedgerJUnitFile: the build writes the gate's JUnit report where a CI server's test tab reads it, failures and all.</summary>
public sealed class MsBuildJUnitTests
{
    [Fact]
    public void The_build_writes_a_case_per_recipe_into_a_folder_it_makes_and_a_regressed_build_s_report_names_the_failure()
    {
        using var consumer = Consumer.Create().WithExampleRuns()
            .With("LedgerCommit", "c1").With("LedgerBranch", "main").With("LedgerJUnitFile", "test-results/ledger.xml")
            .RunLogs("runs/**/*.csv").Save();
        var report = Path.Combine(consumer.Folder, "test-results", "ledger.xml");

        var clean = consumer.Build();
        Assert.True(clean.ExitCode == 0, clean.Output);
        var first = XDocument.Load(report).Descendants("testcase").ToDictionary(c => (string)c.Attribute("name")!);
        Assert.Equal(["cispo-early", "grpo-b512", "ppo-baseline"], first.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(first.Values, c => c.Element("failure") is not null);

        // A branch whose grpo-b512 runs all lost 0.1 of reward fails the build, and its report says which recipe failed.
        consumer.ShiftRewards("grpo-b512", -0.1);
        consumer.With("LedgerCommit", "c2").With("LedgerBranch", "feature").Save();
        var regressed = consumer.Build();
        Assert.NotEqual(0, regressed.ExitCode);
        var failed = XDocument.Load(report).Descendants("testcase").Where(c => c.Element("failure") is not null).ToList();
        Assert.Equal("grpo-b512", (string)Assert.Single(failed).Attribute("name")!);
        Assert.Equal("regressed", (string)failed[0].Element("failure")!.Attribute("type")!);
    }
}
