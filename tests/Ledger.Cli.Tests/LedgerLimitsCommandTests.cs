using System.Globalization;
using System.Text;

namespace Ledger.Cli.Tests;

/// <summary>
/// Sizes are input, not damage: a 1,000,000-row log (24 MB of points, more than one LiteDB record holds) is stored and
/// read back, and a commit too long to index is exit 2 naming the limit with nothing created. Both were reported as
/// "LEDGER402 the ledger file is damaged ... Restore it from a backup".
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed class LedgerLimitsCommandTests(InstalledTool tool) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-limits-").FullName;

    private string Db => Path.Combine(_work, "l.db");

    [Fact]
    public void A_million_row_log_is_appended_and_read_back_whole()
    {
        var text = new StringBuilder("compute,reward\n");
        for (var i = 1; i <= 1_000_000; i++)
            text.Append(CultureInfo.InvariantCulture, $"{i * 0.05:R},{0.8 / (1 + Math.Pow(5000 / (i * 0.05), 1.5)):R}\n");
        Directory.CreateDirectory(Path.Combine(_work, "runs", "long"));
        File.WriteAllText(Path.Combine(_work, "runs", "long", "seed1.csv"), text.ToString());

        var append = tool.Run(_work, "append", "runs", "--db", Db, "--commit", "c1", "--branch", "main");
        var history = tool.Run(_work, "history", "--db", Db, "--format", "csv", "--bootstrap", "0");

        Assert.True(append.ExitCode == 0, append.Output);
        Assert.Contains("appended 1 run to snapshot 1 (main@c1): 1 new", append.Stdout);
        Assert.True(history.ExitCode == 0, history.Output);
        Assert.Contains(",c1,main,", history.Stdout);
        Assert.Contains(",long,1,1000000,", history.Stdout);
    }

    [Fact]
    public void A_ten_thousand_character_commit_is_exit_2_naming_the_limit_and_creates_nothing()
    {
        TestLogs.WriteSigmoid(Path.Combine(_work, "runs", "grpo", "seed1.csv"), 1);

        var run = tool.Run(_work, "append", "runs", "--db", Db, "--commit", new string('a', 10_000), "--branch", "main");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("--commit: error LEDGER133: found a commit of 10,000 bytes", run.Stderr);
        Assert.Contains("expected a commit of at most 512 bytes of UTF-8, the longest the ledger indexes", run.Stderr);
        Assert.False(File.Exists(Db));
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
