using System.Globalization;
using System.Text.Json;

namespace Ledger.Cli.Tests;

/// <summary>
/// `ledger changes` and drift in the gate as CI runs them: the installed `ledger` checks 14 main builds into a real ledger
/// one after another, five seeds per recipe (each seed's own ceiling drawn 0.01 around the recipe's, 20 noisy points
/// through the bend). Recipe grpo steps down 0.06 at build 5 (the gate fails that build), slide loses 0.008 a build over
/// builds 4-11 (no build fails), ppo never moves.
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed class ChangesCommandTests(InstalledTool tool) : IDisposable
{
    private const int Builds = 14;
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-changes-").FullName;

    private string Db => Path.Combine(_work, "ledger.db");

    [Fact]
    public void Changes_names_the_step_and_the_drift_in_its_json_schema_and_the_gate_flags_the_drift_and_fails_on_it_when_asked()
    {
        for (var build = 0; build < Builds; build++)
        {
            WriteBuild(build);
            var check = tool.Run(_work, "check", $"b{build}", "--db", Db, "--commit", Commit(build), "--branch", "main");
            Assert.True(check.ExitCode == (build == 5 ? 1 : 0), $"build {build}: exit {check.ExitCode}\n{check.Stdout}{check.Stderr}");
        }

        // The JSON document, exactly as ledger.changes/1 lays it out.
        var json = tool.Run(_work, "changes", "--db", Db, "--format", "json");
        Assert.Equal((0, ""), (json.ExitCode, json.Stderr));
        var root = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Equal(["schema", "branch", "changes"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("ledger.changes/1", "main"), (root.GetProperty("schema").GetString(), root.GetProperty("branch").GetString()));
        var changes = root.GetProperty("changes").EnumerateArray().ToList();
        Assert.All(changes, c => Assert.Equal(["recipe", "commit", "previous_commit", "before", "after", "delta", "interval", "kind", "commits"],
            c.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(["grpo", "slide"], changes.Select(c => c.GetProperty("recipe").GetString()));
        var step = changes[0];
        Assert.Equal((Commit(5), Commit(4), "step"), (step.GetProperty("commit").GetString(), step.GetProperty("previous_commit").GetString(), step.GetProperty("kind").GetString()));
        Assert.Equal([Commit(5)], step.GetProperty("commits").EnumerateArray().Select(c => c.GetString()));
        var delta = step.GetProperty("delta").GetDouble();
        Assert.InRange(delta, -0.075, -0.045);
        var (before, after) = (step.GetProperty("before"), step.GetProperty("after"));
        Assert.Equal(["value", "interval"], before.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["lower", "upper", "open"], before.GetProperty("interval").EnumerateObject().Select(p => p.Name));
        Assert.Equal(after.GetProperty("value").GetDouble() - before.GetProperty("value").GetDouble(), delta, 12);
        Assert.InRange(delta, step.GetProperty("interval").GetProperty("lower").GetDouble(), step.GetProperty("interval").GetProperty("upper").GetDouble());
        var drift = changes[1];
        Assert.Equal("drift", drift.GetProperty("kind").GetString());
        var span = drift.GetProperty("commits").EnumerateArray().Select(c => Position(c.GetString()!)).ToList();
        Assert.All(span, position => Assert.InRange(position, 3, 12));
        Assert.Equal(Position(drift.GetProperty("commit").GetString()!), span[0]);
        Assert.InRange(drift.GetProperty("delta").GetDouble(), -0.085, -0.045);

        // Text: a row per change.
        var text = tool.Run(_work, "changes", "--db", Db);
        Assert.Equal(0, text.ExitCode);
        Assert.StartsWith("2 changes along main: 3 recipes over 14 snapshots;", text.Stdout);
        Assert.Matches($@"(?m)^  grpo\s+step\s+{Commit(5)[..7]}\s+{Commit(4)[..7]}\s+0\.\d+\s+0\.\d+\s+-0\.0\d+", text.Stdout);
        Assert.Matches(@"(?m)^  slide\s+drift\s+", text.Stdout);

        // The gate of the last build: slide drifted (a warning on its run log), grpo's step was failed at its own build.
        var github = tool.Run(_work, "gate", "--db", Db, "--commit", Commit(Builds - 1), "--branch", "main", "--format", "github");
        Assert.Equal(0, github.ExitCode);
        Assert.Matches(@"(?m)^::warning file=b13/slide/seed0\.csv,title=LEDGER307::LEDGER307: recipe 'slide' drifted: A moved -0\.0\d+ \[.*\] since main@" + Commit(0)[..7], github.Stdout);
        Assert.Matches($@"(?m)^::notice file=b13/grpo/seed0\.csv,title=ledger changes::recipe 'grpo' stepped -0\.0\d+ \[.*\] at {Commit(5)[..7]}", github.Stdout);
        Assert.DoesNotContain("::warning file=b13/grpo", github.Stdout);
        var markdown = tool.Run(_work, "gate", "--db", Db, "--commit", Commit(Builds - 1), "--branch", "main", "--format", "markdown");
        Assert.Matches(@"\| slide \| drifted \|", markdown.Stdout);
        Assert.Contains($"**Changes of A since `main@{Commit(0)[..7]}`**", markdown.Stdout);
        var failing = tool.Run(_work, "gate", "--db", Db, "--commit", Commit(Builds - 1), "--branch", "main", "--fail-on-drift");
        Assert.Equal(1, failing.ExitCode);
        Assert.Matches(@"(?m)^b13/slide/seed0\.csv : error LEDGER307: recipe 'slide' drifted: ", failing.Stderr);
        Assert.Contains("FAILED: ", failing.Stdout);

        // Acknowledged in the allow-list the team reviews: neither reported by changes nor drifted in the gate.
        File.WriteAllText(Path.Combine(_work, "ledger.allow.json"), $$"""
            { "acknowledged": [
                { "recipe": "slide", "commit": "{{drift.GetProperty("commit").GetString()![..7]}}", "reason": "the cheaper verifier costs A, agreed in #141" },
                { "recipe": "grpo", "commit": "{{Commit(5)[..7]}}", "reason": "the smaller batch costs A, agreed in #140" } ] }
            """);
        var acknowledged = tool.Run(_work, "changes", "--db", Db, "--format", "json");
        Assert.Empty(JsonDocument.Parse(acknowledged.Stdout).RootElement.GetProperty("changes").EnumerateArray());
        Assert.Contains("slide: acknowledged -0.0", tool.Run(_work, "changes", "--db", Db).Stdout);
        var gate = tool.Run(_work, "gate", "--db", Db, "--commit", Commit(Builds - 1), "--branch", "main", "--fail-on-drift");
        Assert.Equal(0, gate.ExitCode);
        Assert.DoesNotContain("drifted", gate.Stdout);
    }

    [Fact]
    public void Bad_input_is_exit_2_and_a_missing_ledger_exit_3_with_nothing_written()
    {
        WriteBuild(0);
        Assert.Equal(0, tool.Run(_work, "check", "b0", "--db", Db, "--commit", Commit(0), "--branch", "main").ExitCode);
        var before = TestLogs.FileHash(Db);

        var since = tool.Run(_work, "changes", "--db", Db, "--since", "abcdef1");
        var branch = tool.Run(_work, "changes", "--db", Db, "--branch", "nope");
        var format = tool.Run(_work, "changes", "--db", Db, "--format", "xml");
        File.WriteAllText(Path.Combine(_work, "bad.json"), """{ "acknowledged": [ { "recipe": "grpo", "commit": "main", "reason": "r" } ] }""");
        var allowList = tool.Run(_work, "changes", "--db", Db, "--allow-list", "bad.json");
        var missing = tool.Run(_work, "changes", "--db", Path.Combine(_work, "none.db"));

        Assert.Equal((2, ""), (since.ExitCode, since.Stdout));
        Assert.Contains("--since: error LEDGER124: found 'abcdef1', which is not the commit of any snapshot of branch 'main'", since.Stderr);
        Assert.Equal(2, branch.ExitCode);
        Assert.Contains("LEDGER123", branch.Stderr);
        Assert.Equal(2, format.ExitCode);
        Assert.Equal(2, allowList.ExitCode);
        Assert.Contains("bad.json(1,51): error LEDGER122: found commit 'main' for 'grpo'", allowList.Stderr);
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("LEDGER401", missing.Stderr);
        Assert.False(File.Exists(Path.Combine(_work, "none.db")));
        Assert.Equal(before, TestLogs.FileHash(Db));
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>40 hex digits whose first 7 differ from build to build, as git's do.</summary>
    private static string Commit(int build) => $"{(uint)((build + 1) * 2654435761L):x8}{build:x8}".PadRight(40, 'e');

    private static int Position(string commit) => Convert.ToInt32(commit[8..16], 16);

    private void WriteBuild(int build)
    {
        var truths = new Dictionary<string, double>
        {
            ["grpo"] = build < 5 ? 0.80 : 0.74,
            ["slide"] = build < 4 ? 0.78 : build < 12 ? 0.78 - 0.008 * (build - 3) : 0.716,
            ["ppo"] = 0.70,
        };
        foreach (var (recipe, a, index) in truths.Select((t, i) => (t.Key, t.Value, i)))
        {
            var random = new Random(100 * build + index);
            for (var seed = 0; seed < 5; seed++)
                WriteSeed(Path.Combine(_work, $"b{build}", recipe, $"seed{seed}.csv"), random, a + 0.01 * Gaussian(random));
        }
    }

    /// <summary>R0 = 0.05, B = 1.5, C_mid = 5000; 20 points from 500 to 5e4 GPU-hours; Gaussian noise of sd 0.005.</summary>
    private static void WriteSeed(string path, Random random, double a)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var lines = Enumerable.Range(0, 20).Select(i =>
        {
            var c = 500 * Math.Pow(100, i / 19.0);
            var truth = 0.05 + (a - 0.05) / (1 + Math.Pow(5000 / c, 1.5));
            return string.Create(CultureInfo.InvariantCulture, $"{c:R},{truth + 0.005 * Gaussian(random):R}");
        });
        File.WriteAllLines(path, ["compute,reward", .. lines]);
    }

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
