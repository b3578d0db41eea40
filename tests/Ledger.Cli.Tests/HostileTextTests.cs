using Ledger.Core.Ingest;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Cli.Tests;

/// <summary>
/// Branch names, recipe names and file names come from whoever opens a pull request. Printed raw, a line break in one
/// starts a line of its own: a GitHub workflow command (<c>::error::</c>) or a forged diagnostic. The installed tool
/// refuses such a commit or branch before writing anything, and prints every other name on its own line.
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed class HostileTextTests(InstalledTool tool) : IDisposable
{
    private const string Injected = "\n::error::injected";
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-hostile-").FullName;

    private string Db => Path.Combine(_work, "ledger.db");

    [Fact]
    public void A_branch_or_commit_with_a_line_break_is_LEDGER130_and_nothing_is_written()
    {
        WriteLogs("grpo", 0.8);

        var option = tool.Run(_work, "append", "runs", "--db", Db, "--commit", "c1", "--branch", "main" + Injected);
        var commit = tool.Run(_work, "check", "runs", "--db", Db, "--commit", "c1" + Injected, "--branch", "main");
        var ci = tool.RunWith(new Dictionary<string, string> { ["GITHUB_SHA"] = "abc1234", ["GITHUB_HEAD_REF"] = "feature" + Injected },
            _work, "check", "runs", "--db", Db, "--format", "github");

        Assert.All([option, commit, ci], run =>
        {
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("error LEDGER130", run.Stderr);
            AssertNoInjectedLine(run);
        });
        Assert.Contains("--branch: error LEDGER130: found a branch with the control character \\n at character 5", option.Stderr);
        Assert.StartsWith("GITHUB_HEAD_REF: error LEDGER130", ci.Stderr);
        Assert.False(File.Exists(Db));
    }

    [Theory]
    [InlineData("github")]
    [InlineData("text")]
    public void Gate_output_carries_no_line_a_recipe_or_a_file_name_started(string format)
    {
        var recipe = "grpo" + Injected;
        WriteLogs(recipe, 0.80, fileName: "seed{0}" + Injected.Replace("error", "warning") + ".csv");
        Assert.Equal(0, tool.Run(_work, "check", "runs", "--db", Db, "--commit", "c1", "--branch", "main", "--bootstrap", "200").ExitCode);
        WriteLogs(recipe, 0.70, fileName: "seed{0}" + Injected.Replace("error", "warning") + ".csv");

        var run = tool.Run(_work, "check", "runs", "--db", Db, "--commit", "c2", "--branch", "feature", "--bootstrap", "200", "--format", format);

        Assert.Equal(1, run.ExitCode);
        AssertNoInjectedLine(run);
        if (format == "github")
            Assert.Contains("::error file=runs/grpo%0A%3A%3Aerror%3A%3Ainjected/seed1%0A%3A%3Awarning%3A%3Ainjected.csv,title=LEDGER201::", run.Stdout);
        else
            Assert.Contains("runs/grpo\\n::error::injected/seed1\\n::warning::injected.csv : error LEDGER201: recipe 'grpo\\n::error::injected'", run.Stderr);
    }

    [Fact]
    public void A_bad_log_whose_name_holds_a_line_break_is_one_error_line()
    {
        var log = Path.Combine(_work, "bad" + Injected + ".csv");
        File.WriteAllText(log, "compute,reward\n1,not-a-number\n");

        var run = tool.Run(_work, "append", log, "--db", Db, "--commit", "c1", "--branch", "main");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([$"{_work}/bad\\n::error::injected.csv(2,3): error LEDGER106"], run.Stderr.TrimEnd('\n').Split('\n').Select(l => l[..l.IndexOf(": found", StringComparison.Ordinal)]));
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public void A_hostile_branch_an_older_Ledger_stored_is_printed_on_its_line()
    {
        var log = TestLogs.WriteSigmoid(Path.Combine(_work, "runs", "grpo", "seed1.csv"), seed: 1);
        using (var store = LiteDbLedgerStore.Open(Db))
            store.Append(new SnapshotDraft("c1", "main" + Injected, DateTimeOffset.UnixEpoch), RunLogReader.Read(log, new ReadOptions()));

        var history = tool.Run(_work, "history", "--db", Db, "--bootstrap", "0");

        Assert.Equal(0, history.ExitCode);
        AssertNoInjectedLine(history);
        Assert.Contains("main\\n::error::injected", history.Stdout);
    }

    /// <summary>No line of either stream that a name started: the runner would read it as a workflow command.</summary>
    private static void AssertNoInjectedLine(ToolRun run)
    {
        var lines = run.Output.Split('\n');
        Assert.DoesNotContain(lines, line => line.StartsWith("::error::", StringComparison.Ordinal) || line.StartsWith("::warning::", StringComparison.Ordinal));
        Assert.All(lines.Where(line => line.StartsWith("::", StringComparison.Ordinal)), line => Assert.Matches("^::(error|warning) file=", line));
    }

    private void WriteLogs(string recipe, double a, string fileName = "seed{0}.csv")
    {
        for (var seed = 1; seed <= 3; seed++)
            TestLogs.WriteSigmoid(Path.Combine(_work, "runs", recipe, string.Format(System.Globalization.CultureInfo.InvariantCulture, fileName, seed)), seed, a);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
