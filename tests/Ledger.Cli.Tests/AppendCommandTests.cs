using System.Text.Json;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Cli.Tests;

[Collection(InstalledToolCollection.Name)]
public sealed class AppendCommandTests(InstalledTool tool) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-append-").FullName;

    private string Db => Path.Combine(_work, "ledger.db");

    [Fact]
    public void Appending_the_same_folder_twice_adds_nothing_the_second_time()
    {
        WriteRecipe("grpo", seeds: 3);
        WriteRecipe("ppo", seeds: 2);

        var first = tool.Run(_work, "append", "runs", "--db", Db, "--commit", "c1", "--branch", "main");
        var dumpAfterFirst = LedgerDump.Of(Db);
        var second = tool.Run(_work, "append", "runs", "--db", Db, "--commit", "c1", "--branch", "main");
        var dumpAfterSecond = LedgerDump.Of(Db);
        var rerunElsewhere = tool.Run(_work, "append", "runs/**/*.csv", "--db", Db, "--commit", "c2", "--branch", "main");

        Assert.Equal((0, ""), (first.ExitCode, first.Stderr));
        Assert.Equal("appended 5 runs to snapshot 1 (main@c1): 5 new, 0 already in the ledger\n", first.Stdout);
        Assert.Equal("appended 5 runs to snapshot 1 (main@c1): 0 new, 5 already in the ledger\n", second.Stdout);
        Assert.Equal(dumpAfterFirst, dumpAfterSecond);
        // A new commit gets its own snapshot of the same runs; no run is stored twice.
        Assert.Equal("appended 5 runs to snapshot 2 (main@c2): 0 new, 5 already in the ledger\n", rerunElsewhere.Stdout);
        using var store = LiteDbLedgerStore.Open(Db);
        Assert.Equal(5, TestLogs.SnapshotDigests(store).Count);
        Assert.Contains("# runs 5\n", LedgerDump.Of(Db));
    }

    [Fact]
    public void Warnings_go_to_stderr_and_the_summary_alone_to_stdout()
    {
        WriteRecipe("grpo", seeds: 2);

        // A compute column is present, so the GPU-hours mapping is ignored: worth a warning, not an error.
        var run = tool.Run(_work, "append", "runs", "--db", Db, "--commit", "c1", "--branch", "main", "--gpu-hours-per-step", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("appended 2 runs to snapshot 1 (main@c1): 2 new, 0 already in the ledger\n", run.Stdout);
        var warnings = run.Stderr.TrimEnd('\n').Split('\n');
        Assert.Equal(2, warnings.Length);
        Assert.All(warnings, w => Assert.Matches(@"seed\d\.csv: warning: .*ignored", w));
    }

    [Fact]
    public void A_full_git_commit_is_shortened_in_the_message_and_the_time_is_now()
    {
        WriteRecipe("grpo", seeds: 1);
        var commit = new string('3', 40);
        var before = DateTimeOffset.UtcNow;

        var run = tool.Run(_work, "append", "runs", "--db", Db, "--commit", commit, "--branch", "feature/x");

        Assert.Equal("appended 1 run to snapshot 1 (feature/x@3333333): 1 new, 0 already in the ledger\n", run.Stdout);
        using var store = LiteDbLedgerStore.Open(Db);
        var snapshot = Assert.Single(store.GetSnapshots());
        Assert.Equal((commit, "feature/x"), (snapshot.Commit, snapshot.Branch));
        Assert.InRange(snapshot.Time, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public void Without_a_db_option_or_LEDGER_DB_the_ledger_is_ledger_db_in_the_working_folder()
    {
        WriteRecipe("grpo", seeds: 1);

        var run = tool.Run(_work, "append", "runs", "--commit", "c1", "--branch", "main");

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(_work, "ledger.db")));
    }

    [Fact]
    public void History_is_append_only_a_new_commit_leaves_earlier_rows_identical()
    {
        WriteRecipe("grpo", seeds: 3);
        Assert.Equal(0, tool.Run(_work, "append", "runs", "--db", Db, "--commit", "c1", "--branch", "main").ExitCode);
        var before = History();

        WriteRecipe("grpo", seeds: 5, firstSeed: 4); // two more seeds of the same recipe
        WriteRecipe("ppo", seeds: 2);
        var second = tool.Run(_work, "append", "runs", "--db", Db, "--commit", "c2", "--branch", "main");
        var after = History();

        Assert.Equal("appended 7 runs to snapshot 2 (main@c2): 4 new, 3 already in the ledger\n", second.Stdout);
        var earlier = Rows(before);
        Assert.Equal(earlier, Rows(after).Where(row => row.Contains("\"snapshot\": 1,")).ToList());
        Assert.Single(earlier);
        Assert.Equal(2, Rows(after).Count(row => row.Contains("\"snapshot\": 2,")));
    }

    [Theory]
    [InlineData("append")]
    [InlineData("history")]
    public void A_garbage_file_as_the_ledger_is_exit_3_and_left_untouched(string verb)
    {
        WriteRecipe("grpo", seeds: 1);
        var garbage = Path.Combine(_work, "garbage.db");
        File.WriteAllBytes(garbage, Enumerable.Range(0, 3 * 8192).Select(i => (byte)(i * 7919 % 251)).ToArray());
        var hash = TestLogs.FileHash(garbage);

        var run = verb == "append"
            ? tool.Run(_work, "append", "runs", "--db", garbage, "--commit", "c1", "--branch", "main")
            : tool.Run(_work, "history", "--db", garbage);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("error LEDGER402", run.Stderr);
        Assert.Contains("Restore it from a backup", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Equal("", run.Stdout);
        Assert.Equal(hash, TestLogs.FileHash(garbage));
    }

    [Theory]
    [InlineData("append")]
    [InlineData("history")]
    public void A_folder_as_the_ledger_is_exit_3(string verb)
    {
        WriteRecipe("grpo", seeds: 1);
        var folder = Directory.CreateDirectory(Path.Combine(_work, "a-folder")).FullName;

        var run = verb == "append"
            ? tool.Run(_work, "append", "runs", "--db", folder, "--commit", "c1", "--branch", "main")
            : tool.Run(_work, "history", "--db", folder);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("error LEDGER401", run.Stderr);
        Assert.Contains("folder", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Theory]
    [InlineData("append")]
    [InlineData("history")]
    public void A_ledger_from_a_newer_Ledger_is_exit_3_and_left_untouched(string verb)
    {
        WriteRecipe("grpo", seeds: 1);
        Assert.Equal(0, tool.Run(_work, "append", "runs", "--db", Db, "--commit", "c1", "--branch", "main").ExitCode);
        // What a future schema version would leave in the file's meta collection.
        using (var db = new LiteDB.LiteDatabase(new LiteDB.ConnectionString { Filename = Db, Connection = LiteDB.ConnectionType.Shared }))
            db.GetCollection("meta").Update(new LiteDB.BsonDocument { ["_id"] = "schema", ["version"] = 99 });
        var hash = TestLogs.FileHash(Db);
        WriteRecipe("ppo", seeds: 1);

        var run = verb == "append"
            ? tool.Run(_work, "append", "runs", "--db", Db, "--commit", "c2", "--branch", "main")
            : tool.Run(_work, "history", "--db", Db);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("error LEDGER403", run.Stderr);
        Assert.Contains("schema version 99", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Equal(hash, TestLogs.FileHash(Db));
    }

    [Fact]
    public void History_of_a_ledger_that_does_not_exist_is_exit_3_and_creates_nothing()
    {
        var run = tool.Run(_work, "history", "--db", Db);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("error LEDGER401", run.Stderr);
        Assert.Contains("ledger append", run.Stderr);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public void Bad_input_into_a_ledger_that_does_not_exist_yet_creates_no_ledger()
    {
        WriteRecipe("grpo", seeds: 1);
        File.WriteAllText(Path.Combine(_work, "runs", "grpo", "bad.csv"), "compute,reward\n100,0.1\n200,abc\n");

        var run = tool.Run(_work, "append", "runs", "--db", Db, "--commit", "c1", "--branch", "main");

        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"bad\.csv\(3,5\): error LEDGER106", run.Stderr);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public void Help_explains_append_history_and_every_option()
    {
        var root = tool.Run(_work, "--help");
        var append = tool.Run(_work, "append", "--help");
        var history = tool.Run(_work, "history", "--help");

        Assert.Contains("append", root.Stdout);
        Assert.Contains("history", root.Stdout);
        foreach (var option in new[] { "--db", "--commit", "--branch", "--recipe", "--compute-column", "--reward-column", "--gpu-hours-per-step", "--gpus", "--run-column" })
            Assert.Contains(option, append.Stdout);
        foreach (var option in new[] { "--db", "--commit", "--branch", "--recipe", "--format", "--model", "--bootstrap", "--reward-max" })
            Assert.Contains(option, history.Stdout);
        Assert.Contains("LEDGER_DB", append.Stdout);
        Assert.Contains("ledger.history/1", history.Stdout);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private void WriteRecipe(string recipe, int seeds, int firstSeed = 1)
    {
        for (var seed = firstSeed; seed <= seeds; seed++)
            TestLogs.WriteSigmoid(Path.Combine(_work, "runs", recipe, $"seed{seed}.csv"), seed * 1000 + recipe.Length);
    }

    private string History()
    {
        var run = tool.Run(_work, "history", "--db", Db, "--format", "json", "--bootstrap", "200");
        Assert.Equal(0, run.ExitCode);
        return run.Stdout;
    }

    /// <summary>Each row of a history document as its raw JSON text.</summary>
    private static List<string> Rows(string historyJson)
    {
        using var json = JsonDocument.Parse(historyJson);
        return json.RootElement.GetProperty("rows").EnumerateArray().Select(row => row.GetRawText()).ToList();
    }
}
