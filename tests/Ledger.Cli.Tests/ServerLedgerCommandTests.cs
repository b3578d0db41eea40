using System.Text.RegularExpressions;
using Ledger.Core.Storage;

namespace Ledger.Cli.Tests;

/// <summary>
/// The installed `ledger` tool on a PostgreSQL ledger (the real server build/test.sh starts): every verb gives what it
/// gives on a ledger file, a ledger moves between the two by export and import, the password never shows, and sixteen
/// machines' checks at once keep every snapshot and verdict once.
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed partial class ServerLedgerCommandTests(InstalledTool tool) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-server-").FullName;
    private readonly TestDatabase _database = PostgresServer.CreateDatabase();

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public void Every_verb_prints_the_same_on_a_ledger_file_and_on_a_server_ledger()
    {
        var runs = CopyExampleRuns();
        var file = Path.Combine(_work, "ledger.db");
        var outputs = new List<(string What, ToolRun File, ToolRun Server)>();
        void Both(string what, params string[] arguments) =>
            outputs.Add((what, tool.Run(_work, [.. arguments, "--db", file]), tool.Run(_work, [.. arguments, "--db", _database.Address])));

        Both("check c1", "check", runs, "--commit", "c1", "--branch", "main");
        ShiftRewards(runs, "grpo-b512", -0.1);
        Both("check f1", "check", runs, "--commit", "f1", "--branch", "feature", "--format", "json");
        Both("append c2", "append", runs, "--commit", "c2", "--branch", "main");
        Both("fit c2", "fit", "--commit", "c2", "--branch", "main", "--format", "json");
        Both("gate c2", "gate", "--commit", "c2", "--branch", "main", "--format", "markdown");
        Both("history", "history", "--format", "csv");
        Both("rank", "rank", "--branch", "main", "--format", "json");
        Both("changes", "changes", "--branch", "main", "--format", "json");
        Both("predict", "predict", "--recipe", "grpo-b512", "--compute", "100000", "--branch", "feature");
        Both("verify", "verify");

        Assert.All(outputs, o =>
        {
            // The snapshots' times are each process's clock, so history's time column is left out of the comparison.
            if (o.What == "history")
                o = (o.What, o.File with { Stdout = WithoutTimes(o.File.Stdout) }, o.Server with { Stdout = WithoutTimes(o.Server.Stdout) });
            Assert.True(o.File.ExitCode == o.Server.ExitCode, $"{o.What}: exit {o.File.ExitCode} on the file, {o.Server.ExitCode} on the server: {o.Server.Stderr}");
            Assert.True(o.File.Stdout == o.Server.Stdout, $"{o.What} printed differently:\n{o.File.Stdout}\n---\n{o.Server.Stdout}");
        });
        Assert.Equal(1, outputs[1].Server.ExitCode);
        Assert.Contains("\"regressed\"", outputs[1].Server.Stdout);
        Assert.StartsWith("verified: all", outputs[^1].Server.Stdout);
        Assert.Equal(WithoutTimes(tool.Run(_work, "export", "--db", file).Require("export of the file").Stdout),
            WithoutTimes(tool.Run(_work, "export", "--db", _database.Address).Require("export of the server").Stdout));
    }

    [Fact]
    public void A_ledger_file_moved_to_a_server_by_export_and_import_has_the_same_history_verifies_and_takes_the_next_build()
    {
        var runs = CopyExampleRuns();
        var file = Path.Combine(_work, "ledger.db");
        tool.Run(_work, "check", runs, "--db", file, "--commit", "c1", "--branch", "main").Require("check c1");
        tool.Run(_work, "check", runs, "--db", file, "--commit", "c2", "--branch", "main").Require("check c2");
        var backup = Path.Combine(_work, "backup.jsonl");

        var exported = tool.Run(_work, "export", "--db", file, "--out", backup).Require("export");
        Assert.Equal("", exported.Stdout);
        Assert.Matches(@"^exported \d+ records of .*ledger\.db to .*backup\.jsonl\n$", exported.Stderr);
        Assert.StartsWith("{\"type\":\"header\",\"schema\":\"ledger.export/1\"}\n", File.ReadAllText(backup));
        var imported = tool.Run(_work, "import", backup, "--db", _database.Address).Require("import");
        Assert.Equal($"imported 7 runs, 2 snapshots, 6 fits, 6 verdicts, 2 gate summaries, 2 gate facts, 7 read-file records into {_database.AddressWithoutPassword}\n",
            imported.Stdout);

        Assert.Equal(tool.Run(_work, "history", "--db", file).Stdout, tool.Run(_work, "history", "--db", _database.Address).Require("history").Stdout);
        Assert.StartsWith("verified: all 6 stored fits reproduce", tool.Run(_work, "verify", "--db", _database.Address).Require("verify").Stdout);
        var next = tool.Run(_work, "check", runs, "--db", _database.Address, "--commit", "c3", "--branch", "main").Require("check c3 on the server");
        Assert.Contains("appended 7 runs to snapshot 3 (main@c3): 0 new, 7 already in the ledger", next.Stdout);
        Assert.Contains("against main@c2", next.Stdout);

        // A second import is refused whole (exit 2), and so is a cut file into an empty ledger, which is not even made.
        var again = tool.Run(_work, "import", backup, "--db", _database.Address);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("error LEDGER142", again.Stderr);
        var cut = Path.Combine(_work, "cut.jsonl");
        File.WriteAllLines(cut, File.ReadAllLines(backup).SkipLast(1));
        var refused = tool.Run(_work, "import", cut, "--db", Path.Combine(_work, "new.db"));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("cut.jsonl: error LEDGER141: found the end of the file before the line of type 'end'", refused.Stderr);
        Assert.False(File.Exists(Path.Combine(_work, "new.db")));
    }

    [Fact]
    public void The_password_never_appears_in_output_errors_or_the_report_and_may_come_from_PGPASSWORD_or_a_pgpass_file()
    {
        var runs = CopyExampleRuns();
        var password = PostgresServer.Password;
        var report = Path.Combine(_work, "report");
        var seen = new List<ToolRun>
        {
            tool.Run(_work, "check", runs, "--db", _database.Address, "--commit", "c1", "--branch", "main", "--report", report).Require("check"),
            tool.Run(_work, "export", "--db", _database.Address).Require("export"),
            tool.Run(_work, "verify", "--db", _database.Address).Require("verify"),
            tool.Run(_work, "db", "upgrade", "--db", _database.Address).Require("db upgrade"),
        };
        var wrong = _database.Address.Replace(":" + password + "@", ":x" + password + "@", StringComparison.Ordinal);
        var refused = tool.Run(_work, "history", "--db", wrong);
        seen.Add(refused);
        var badAddress = tool.Run(_work, "history", "--db", _database.Address + "&sslmod=require".Replace('&', '?'));
        seen.Add(badAddress);
        var debug = tool.RunWith(new Dictionary<string, string> { ["LEDGER_DEBUG"] = "1" }, _work, "gate", "--db", wrong, "--commit", "c1", "--branch", "main");
        seen.Add(debug);

        Assert.Equal(3, refused.ExitCode);
        Assert.StartsWith($"{_database.AddressWithoutPassword}: error LEDGER401: cannot use the ledger's server: the server answered 28P01: password authentication failed", refused.Stderr);
        Assert.Equal(2, badAddress.ExitCode);
        Assert.Contains("error LEDGER140", badAddress.Stderr);
        Assert.Equal(3, debug.ExitCode);
        Assert.All(seen, run =>
        {
            Assert.DoesNotContain(password, run.Stdout);
            Assert.DoesNotContain(password, run.Stderr);
        });
        Assert.All(Directory.EnumerateFiles(report, "*", SearchOption.AllDirectories), page => Assert.DoesNotContain(password, File.ReadAllText(page)));

        // Without a password in the address, PGPASSWORD gives it, else the pgpass file.
        var bare = _database.AddressWithoutPassword;
        Assert.Equal(3, tool.RunWith(new Dictionary<string, string> { ["PGPASSFILE"] = Path.Combine(_work, "none") }, _work, "history", "--db", bare).ExitCode);
        Assert.Contains("c1", tool.RunWith(new Dictionary<string, string> { ["PGPASSWORD"] = password }, _work, "history", "--db", bare).Require("PGPASSWORD").Stdout);
        var pgpass = Path.Combine(_work, "pgpass");
        File.WriteAllText(pgpass, $"*:*:*:ledger_test:{password}\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(pgpass, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Contains("c1", tool.RunWith(new Dictionary<string, string> { ["PGPASSFILE"] = pgpass }, _work, "history", "--db", bare).Require("pgpass").Stdout);
    }

    [Fact]
    public void Sixteen_checks_at_once_against_one_server_keep_every_snapshot_and_verdict_and_duplicate_none()
    {
        var runs = CopyExampleRuns();
        // Twelve builds of their own commit, and one build run on four machines at once (a retried CI job).
        var commits = Enumerable.Range(1, 12).Select(i => $"c{i:D2}").Concat(Enumerable.Repeat("rerun", 4)).ToList();

        var started = commits.Select(commit => tool.Start(_work, "check", runs, "--db", _database.Address, "--commit", commit, "--branch", "main")).ToList();
        var results = started.Select(process => process.WaitForExit()).ToList();
        started.ForEach(process => process.Dispose());

        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.Stderr));
        var snapshotOf = results.Select(r => int.Parse(SnapshotLine().Match(r.Stdout).Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(1, 13), snapshotOf.Distinct().Order());
        Assert.Single(snapshotOf.Skip(12).Distinct());
        Assert.Equal(7, results.Sum(r => int.Parse(NewRuns().Match(r.Stdout).Groups["new"].Value, System.Globalization.CultureInfo.InvariantCulture)));

        using var store = LedgerStores.Open(_database.Location, LedgerAccess.ReadOnly);
        var snapshots = store.GetSnapshots();
        Assert.Equal(commits.Distinct().Order(), snapshots.Select(s => s.Commit).Order());
        Assert.All(snapshots, s => Assert.Equal(7, s.Recipes.Values.Sum(digests => digests.Count)));
        var records = new List<LedgerRecord>();
        store.ReadAll(records.Add);
        Assert.Equal(7, records.OfType<RunEntry>().Count());
        var verdicts = records.OfType<VerdictEntry>().Select(v => v.Verdict).ToList();
        Assert.All(snapshots, s => Assert.Equal(["cispo-early", "grpo-b512", "ppo-baseline"], verdicts.Where(v => v.SnapshotId == s.Id).Select(v => v.Recipe).Order()));
        Assert.Equal(3 * 13, records.OfType<FitEntry>().Count());
        Assert.Equal(13, records.OfType<GateSummaryEntry>().Count());
        Assert.StartsWith("verified: all 39 stored fits reproduce", tool.Run(_work, "verify", "--db", _database.Address).Require("verify").Stdout);
    }

    private static string WithoutTimes(string csv) => TimeCell().Replace(csv, "TIME");

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT[0-9:.]+(Z|[+-]\d\d:\d\d)")]
    private static partial Regex TimeCell();

    [GeneratedRegex(@"to snapshot (?<id>\d+) ")]
    private static partial Regex SnapshotLine();

    [GeneratedRegex(@": (?<new>\d+) new, ")]
    private static partial Regex NewRuns();

    private string CopyExampleRuns()
    {
        var source = Path.Combine(InstalledTool.RepositoryRoot, "tests", "examples", "runs");
        var target = Path.Combine(_work, "runs");
        foreach (var file in Directory.EnumerateFiles(source, "*.csv", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return "runs";
    }

    private void ShiftRewards(string runs, string recipe, double delta)
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_work, runs, recipe), "*.csv"))
        {
            var lines = File.ReadAllLines(file);
            File.WriteAllLines(file, [lines[0], .. lines.Skip(1).Select(line =>
            {
                var cells = line.Split(',');
                cells[1] = (double.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture) + delta).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                return string.Join(',', cells);
            })]);
        }
    }
}
