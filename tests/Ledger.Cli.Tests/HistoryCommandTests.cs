using System.Text.Json;
using Ledger.Core.Storage;

namespace Ledger.Cli.Tests;

[Collection(InstalledToolCollection.Name)]
public sealed class HistoryCommandTests(InstalledTool tool) : IDisposable
{
    // A recipe name that needs quoting in CSV and escaping in JSON.
    private const string Awkward = "ppo \"fast\", v2";
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-history-").FullName;

    private string Db => Path.Combine(_work, "ledger.db");

    [Fact]
    public void Json_rows_hold_A_near_the_truth_within_its_intervals_and_follow_the_schema()
    {
        AppendTwoSnapshots();

        var run = tool.Run(_work, "history", "--db", Db, "--format", "json", "--recipe", "reference");

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal("ledger.history/1", root.GetProperty("schema").GetString());
        Assert.Equal(Ledger.Core.Fitting.CurveFitter.Version, root.GetProperty("fitter").GetString());
        Assert.Equal("sigmoid4", root.GetProperty("model").GetString());
        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([1L, 2L], rows.Select(r => r.GetProperty("snapshot").GetInt64()));
        Assert.Equal(["c1", "c2"], rows.Select(r => r.GetProperty("commit").GetString()));
        Assert.Equal([3, 5], rows.Select(r => r.GetProperty("runs").GetInt32()));
        Assert.Equal([24, 40], rows.Select(r => r.GetProperty("points").GetInt32()));
        foreach (var row in rows)
        {
            Assert.Equal("main", row.GetProperty("branch").GetString());
            Assert.EndsWith("Z", row.GetProperty("time").GetString());
            Assert.Equal("ok", row.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, row.GetProperty("reason").ValueKind);
            Assert.Equal("computed", row.GetProperty("fit").GetString());
            Assert.Equal(64, row.GetProperty("input_digest").GetString()!.Length);
            var a = row.GetProperty("asymptote");
            Assert.Equal("A", a.GetProperty("name").GetString());
            var value = a.GetProperty("value").GetDouble();
            // PRODUCT.md's reference case asks for A within 0.05 of the true 0.80; ScaleRL's own margin on A is 0.02.
            // (Whether the intervals cover the truth at their nominal rate is a property of many draws, measured in
            // Ledger.Core.Tests; one draw here only shows that the intervals are around the estimate and narrow.)
            Assert.InRange(value, 0.78, 0.82);
            foreach (var interval in new[] { "wald", "profile", "bootstrap" })
            {
                Assert.InRange(value, Bound(a, interval, "lower"), Bound(a, interval, "upper"));
                Assert.InRange(Bound(a, interval, "upper") - Bound(a, interval, "lower"), 0.001, 0.1);
            }
        }
    }

    [Fact]
    public void An_unidentified_recipe_has_no_A_and_says_why()
    {
        for (var seed = 1; seed <= 2; seed++)
            TestLogs.WriteSigmoid(Path.Combine(_work, "runs", "early", $"seed{seed}.csv"), seed, compute: [500, 1000, 2000]);
        Assert.Equal(0, tool.Run(_work, "append", "runs", "--db", Db, "--commit", "c1", "--branch", "main").ExitCode);

        var json = tool.Run(_work, "history", "--db", Db, "--format", "json");
        var text = tool.Run(_work, "history", "--db", Db);

        var row = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("rows")[0];
        Assert.Equal("unidentified", row.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("asymptote").ValueKind);
        var reason = row.GetProperty("reason").GetString();
        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.Contains(reason!, text.Stdout);
    }

    [Fact]
    public void Text_is_an_aligned_table_with_one_line_per_recipe_per_snapshot()
    {
        AppendTwoSnapshots();

        var run = tool.Run(_work, "history", "--db", Db, "--bootstrap", "200");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(1 + 3, lines.Length); // header; snapshot 1: reference; snapshot 2: awkward and reference
        Assert.StartsWith("snapshot  commit  branch  time (UTC)", lines[0]);
        // Aligned: every row's recipe column starts where the header's does.
        var recipeColumn = lines[0].IndexOf("recipe", StringComparison.Ordinal);
        Assert.All(lines.Skip(1), line => Assert.True(line[recipeColumn - 1] == ' ' && line[recipeColumn] != ' ', line));
        Assert.Contains(Awkward, lines[2]);
        // A, then its seed-level interval, the profile's and the bootstrap's.
        Assert.Matches(@"^\s+2  c2 +main +\d{4}-\d\d-\d\d \d\d:\d\d  reference +5 +40  ok +0\.[78]\d* +\[0\.\d+, 0\.\d+\] +\[0\.\d+, 0\.\d+\] +\[0\.\d+, 0\.\d+\]$", lines[3]);
    }

    [Fact]
    public void Csv_is_rfc_4180_with_a_header_and_filters_by_branch_and_recipe()
    {
        AppendTwoSnapshots();
        TestLogs.WriteSigmoid(Path.Combine(_work, "runs", "reference", "seed9.csv"), seed: 9);
        Assert.Equal(0, tool.Run(_work, "append", "runs", "--db", Db, "--commit", "f1", "--branch", "feature").ExitCode);

        var all = tool.Run(_work, "history", "--db", Db, "--format", "csv", "--bootstrap", "200");
        var main = tool.Run(_work, "history", "--db", Db, "--format", "csv", "--bootstrap", "200", "--branch", "main", "--recipe", Awkward);

        var records = all.Stdout.Split("\r\n");
        Assert.Equal("", records[^1]); // every record ends with CRLF
        Assert.Equal("snapshot,commit,branch,time,recipe,runs,points,status,a,a_se,profile_lower,profile_upper,bootstrap_lower,bootstrap_upper,reason,fit,a_lower,a_upper", records[0]);
        Assert.Equal(1 + 3 + 2, records.Length - 1);
        Assert.All(records[1..^1], r => Assert.Matches(@"^\d+,", r));
        var mainRecords = main.Stdout.Split("\r\n")[1..^1];
        var awkward = Assert.Single(mainRecords);
        Assert.StartsWith("2,c2,main,", awkward);
        Assert.Contains(",\"ppo \"\"fast\"\", v2\",2,16,ok,0.", awkward);
        Assert.Equal(mainRecords[0], records.Single(r => r.StartsWith("2,c2,main,", StringComparison.Ordinal) && r.Contains("fast", StringComparison.Ordinal)));
    }

    [Fact]
    public void Reading_history_changes_nothing_and_two_processes_print_identical_json()
    {
        AppendTwoSnapshots();
        var bytes = TestLogs.FileHash(Db);
        var dump = LedgerDump.Of(Db);

        var first = tool.Run(_work, "history", "--db", Db, "--format", "json", "--bootstrap", "300");
        var second = tool.Run(_work, "history", "--db", Db, "--format", "json", "--bootstrap", "300");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Equal(bytes, TestLogs.FileHash(Db));
        Assert.Equal(dump, LedgerDump.Of(Db));
        Assert.Contains("# fits 0\n", dump);
        Assert.False(File.Exists(Path.Combine(_work, "ledger-log.db")));
    }

    [Fact]
    public void An_empty_match_is_not_an_error()
    {
        AppendTwoSnapshots();

        var text = tool.Run(_work, "history", "--db", Db, "--recipe", "nope");
        var json = tool.Run(_work, "history", "--db", Db, "--recipe", "nope", "--format", "json");

        Assert.Equal((0, "no history: the ledger has no snapshot that matches\n"), (text.ExitCode, text.Stdout));
        Assert.Equal(0, JsonDocument.Parse(json.Stdout).RootElement.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public void A_bad_format_is_exit_2()
    {
        AppendTwoSnapshots();

        var run = tool.Run(_work, "history", "--db", Db, "--format", "xml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--format", run.Stderr);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static double Bound(JsonElement asymptote, string interval, string side) =>
        asymptote.GetProperty(interval).GetProperty(side).GetDouble();

    /// <summary>Snapshot 1 (c1): reference with 3 seeds. Snapshot 2 (c2): reference with 5 seeds and the awkward recipe with 2.</summary>
    private void AppendTwoSnapshots()
    {
        for (var seed = 1; seed <= 3; seed++)
            TestLogs.WriteSigmoid(Path.Combine(_work, "runs", "reference", $"seed{seed}.csv"), seed);
        Assert.Equal(0, tool.Run(_work, "append", "runs", "--db", Db, "--commit", "c1", "--branch", "main").ExitCode);
        for (var seed = 4; seed <= 5; seed++)
            TestLogs.WriteSigmoid(Path.Combine(_work, "runs", "reference", $"seed{seed}.csv"), seed);
        for (var seed = 1; seed <= 2; seed++)
            TestLogs.WriteSigmoid(Path.Combine(_work, "runs", Awkward, $"seed{seed}.csv"), 100 + seed, a: 0.7);
        Assert.Equal(0, tool.Run(_work, "append", "runs", "--db", Db, "--commit", "c2", "--branch", "main").ExitCode);
    }
}
