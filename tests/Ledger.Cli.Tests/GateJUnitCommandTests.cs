using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace Ledger.Cli.Tests;

/// <summary>
/// `--format junit`: the gate as a JUnit test report (one case per recipe, the failing ones as failures, unidentified
/// ones skipped), parsed here as the CI servers parse it, on the example ledger whose verdicts are known.
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed class GateJUnitCommandTests(InstalledTool tool) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-junit-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void The_example_s_feature_build_is_one_failure_for_cispo_one_skipped_unidentified_recipe_and_four_passes()
    {
        File.Copy(Path.Combine(InstalledTool.RepositoryRoot, "ledger.db.example"), Path.Combine(_work, "ledger.db"));
        // The scenario's commits are SHA-1 names of "<branch>-<n>" (tests/Ledger.ExampleLedger/Scenario.cs).
        var newest = Convert.ToHexStringLower(SHA1.HashData(Encoding.ASCII.GetBytes("feature-2")));

        var gate = tool.Run(_work, "gate", "--db", "ledger.db", "--commit", newest, "--branch", "feature/new-verifier", "--format", "junit");

        Assert.Equal(1, gate.ExitCode);
        var document = XDocument.Parse(gate.Stdout);
        Assert.Equal("utf-8", document.Declaration?.Encoding);
        var suite = Assert.Single(document.Root!.Elements("testsuite"));
        Assert.Equal(("6", "1", "1"), ((string)suite.Attribute("tests")!, (string)suite.Attribute("failures")!, (string)suite.Attribute("skipped")!));
        var cases = suite.Elements("testcase").ToDictionary(c => (string)c.Attribute("name")!);
        Assert.Equal(["cispo", "dapo-clip", "grpo-b512", "grpo-long-context", "ppo-baseline", "reinforce-early"], cases.Keys.Order(StringComparer.Ordinal));
        var failure = Assert.Single(cases["cispo"].Elements("failure"));
        Assert.Equal("regressed", (string)failure.Attribute("type")!);
        Assert.Equal("cispo/seed1.csv", (string)cases["cispo"].Attribute("file")!);
        Assert.Single(cases["reinforce-early"].Elements("skipped"));
        Assert.All(cases.Where(c => c.Key is not ("cispo" or "reinforce-early")).Select(c => c.Value), passed =>
            Assert.DoesNotContain(passed.Elements(), e => e.Name != "system-out"));
        // The regression is still named on stderr in the canonical form, as with every format but github.
        Assert.Contains("error LEDGER201: recipe 'cispo'", gate.Stderr, StringComparison.Ordinal);

        // --junit writes the same report to a file beside the text output, and leaves nothing else behind.
        Directory.CreateDirectory(Path.Combine(_work, "reports"));
        var text = tool.Run(_work, "gate", "--db", "ledger.db", "--commit", newest, "--branch", "feature/new-verifier", "--junit", "reports/ledger.xml");
        Assert.Equal(1, text.ExitCode);
        Assert.StartsWith("gate feature/new-verifier@95c189c", text.Stdout, StringComparison.Ordinal);
        Assert.Equal(gate.Stdout, File.ReadAllText(Path.Combine(_work, "reports", "ledger.xml")));
        Assert.Equal(["ledger.xml"], Directory.GetFiles(Path.Combine(_work, "reports")).Select(Path.GetFileName));
    }

    [Fact]
    public void A_junit_file_in_a_folder_that_does_not_exist_is_exit_2_before_the_ledger_is_made()
    {
        TestLogs.WriteSigmoid(Path.Combine(_work, "runs", "grpo", "seed1.csv"), seed: 1);

        var check = tool.Run(_work, "check", "runs", "--db", "ledger.db", "--commit", "c1", "--branch", "main", "--junit", "missing/ledger.xml");

        Assert.Equal(2, check.ExitCode);
        Assert.Contains("--junit: the folder", check.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_work, "ledger.db")));
    }

    [Fact]
    public void A_recipe_name_full_of_XML_s_active_characters_stays_one_case_of_that_name_and_check_s_steps_go_to_stderr()
    {
        const string hostile = "x<y>&\"z']]>";
        for (var seed = 1; seed <= 2; seed++)
            TestLogs.WriteSigmoid(Path.Combine(_work, "runs", hostile, $"seed{seed}.csv"), seed);

        var check = tool.Run(_work, "check", "runs", "--db", "ledger.db", "--commit", "c1", "--branch", "main", "--format", "junit", "--bootstrap", "0");

        Assert.Equal(0, check.ExitCode);
        var testcase = Assert.Single(XDocument.Parse(check.Stdout).Descendants("testcase"));
        Assert.Equal(hostile, (string)testcase.Attribute("name")!);
        Assert.Contains("appended 2 runs", check.Stderr, StringComparison.Ordinal);
    }
}
