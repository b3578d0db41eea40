using System.Globalization;
using System.Text.RegularExpressions;

namespace Ledger.MSBuild.Tests;

/// <summary>
/// The gate in the build itself: a consumer project that references the packed Ledger.MSBuild from the local feed,
/// built with the real `dotnet build` commit after commit, and checked against the installed `ledger` tool.
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed partial class MsBuildGateTests(InstalledTool tool)
{
    private const string LedgerWorkLine = "ledger: ";

    [Fact]
    public void A_regressed_commit_fails_the_build_naming_the_run_log_and_an_allow_list_entry_turns_it_green()
    {
        using var consumer = Consumer.Create().WithExampleRuns()
            .With("LedgerCommit", "c1").With("LedgerBranch", "main")
            .RunLogs("runs/**/*.csv").Save();

        var clean = consumer.Build();
        Assert.True(clean.ExitCode == 0, clean.Output);
        Assert.Contains("ledger: appended 7 runs to snapshot 1 (main@c1): 7 new", clean.Stdout);
        Assert.Contains("warning LEDGER301: recipe 'cispo-early' is unidentified", clean.Stdout);
        Assert.True(File.Exists(Path.Combine(consumer.Folder, "ledger-report", "index.html")), "the report step rendered nothing");

        // A second build with nothing changed does no Ledger work: every target is skipped and the ledger is untouched.
        var ledgerBefore = File.ReadAllBytes(consumer.Database);
        var again = consumer.Build("-v:n");
        Assert.True(again.ExitCode == 0, again.Output);
        foreach (var target in new[] { "LedgerAppend", "LedgerFit", "LedgerGate", "LedgerReport" })
            Assert.Contains($"Skipping target \"{target}\" because all output files are up-to-date", again.Stdout);
        Assert.DoesNotContain(LedgerWorkLine, again.Stdout);
        Assert.Equal(ledgerBefore, File.ReadAllBytes(consumer.Database));

        // A branch whose grpo-b512 runs all lost 0.1 of reward.
        consumer.ShiftRewards("grpo-b512", -0.1);
        consumer.With("LedgerCommit", "c2").With("LedgerBranch", "feature").Save();
        var binaryLog = Path.Combine(consumer.Folder, "regressed.binlog");
        var regressed = consumer.Build($"-bl:{binaryLog}");
        Assert.True(regressed.ExitCode == 1, regressed.Output);
        var error = Regression().Match(regressed.Stdout);
        Assert.True(error.Success, regressed.Output);
        var a = double.Parse(error.Groups["a"].Value, CultureInfo.InvariantCulture);
        var baseline = double.Parse(error.Groups["baseline"].Value, CultureInfo.InvariantCulture);
        Assert.InRange(baseline - a, 0.08, 0.12);
        Assert.Contains("(main@c1), tolerance 0.02", error.Value);
        // The report still renders when the gate fails: the regression is what a reader opens it for.
        Assert.Contains("ledger: report:", regressed.Stdout);
        Assert.Contains(error.Value, Replay(binaryLog));

        // The installed tool, given the same project, appends nothing new, refits nothing and reaches the same verdict.
        var check = tool.Run(Path.GetTempPath(), "check", "--project", consumer.ProjectFile);
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("0 new, 7 already in the ledger", check.Stdout);
        Assert.Contains("0 refitted, 3 reused", check.Stdout);
        Assert.Contains(error.Value, check.Stderr);

        // Built again with nothing changed, the gate runs again and fails again: a failed gate leaves no stamp.
        Assert.Equal(1, consumer.Build().ExitCode);

        // The gate can be turned off (append, fit and report still run).
        var ungated = consumer.Build("-p:LedgerGateEnabled=false");
        Assert.True(ungated.ExitCode == 0, ungated.Output);
        Assert.DoesNotContain("LEDGER201", ungated.Stdout);

        // For a local build, regressions can be warnings.
        var local = consumer.Build("-p:LedgerRegressionsAsWarnings=true");
        Assert.True(local.ExitCode == 0, local.Output);
        Assert.Contains("warning LEDGER201: recipe 'grpo-b512'", local.Stdout);

        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        consumer.WriteFile("ledger.allow.json", $$"""{ "allow": [ { "recipe": "grpo-b512", "reason": "new tokenizer, accepted in review", "expires": "{{tomorrow}}" } ] }""");
        var allowed = consumer.Build();
        Assert.True(allowed.ExitCode == 0, allowed.Output);
        Assert.DoesNotContain("LEDGER201", allowed.Stdout);
        Assert.Contains("1 allowed", allowed.Stdout);

        // An entry can expire overnight: the first build of a new day gates again, though no log changed.
        var gateDay = Path.Combine(consumer.Folder, "obj", "ledger", "gate-day.txt");
        File.WriteAllText(gateDay, "2000-01-01\n");
        File.SetLastWriteTimeUtc(gateDay, DateTime.UtcNow.AddDays(-1));
        var nextDay = consumer.Build();
        Assert.True(nextDay.ExitCode == 0, nextDay.Output);
        Assert.Contains("1 allowed", nextDay.Stdout);
        Assert.DoesNotContain("ledger: appended", nextDay.Stdout);

        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        consumer.WriteFile("ledger.allow.json", $$"""{ "allow": [ { "recipe": "grpo-b512", "reason": "new tokenizer, accepted in review", "expires": "{{yesterday}}" } ] }""");
        var expired = consumer.Build();
        Assert.True(expired.ExitCode == 1, expired.Output);
        Assert.Contains("warning LEDGER303: recipe 'grpo-b512'", expired.Stdout);
        Assert.Contains("error LEDGER201: recipe 'grpo-b512'", expired.Stdout);
    }

    [Fact]
    public void A_log_s_tolerance_metadata_gates_its_recipe()
    {
        using var consumer = Consumer.Create().WithExampleRuns()
            .With("LedgerCommit", "c1").With("LedgerBranch", "main")
            .RunLogs("runs/**/*.csv").Save();
        Assert.Equal(0, consumer.Build().ExitCode);

        consumer.ShiftRewards("grpo-b512", -0.1);
        consumer.With("LedgerCommit", "c2").With("LedgerBranch", "feature")
            .ClearRunLogs()
            .RunLogs("runs/grpo-b512/*.csv", ("Tolerance", "0.15"))
            .RunLogs("runs/ppo-baseline/*.csv")
            .Save();
        var tolerated = consumer.Build();
        Assert.True(tolerated.ExitCode == 0, tolerated.Output);
        Assert.DoesNotContain("LEDGER201", tolerated.Stdout);
        // cispo-early's logs are no longer items: it is missing from this build, which does not fail it.
        Assert.Contains("1 missing", tolerated.Stdout);
    }

    [Fact]
    public void A_multi_targeting_project_runs_Ledger_once_in_its_outer_build()
    {
        using var consumer = Consumer.Create().WithExampleRuns().MultiTargeting()
            .With("LedgerCommit", "c1").With("LedgerBranch", "main")
            .RunLogs("runs/**/*.csv").Save();

        var build = consumer.Build("-v:n");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Single(Regex.Matches(build.Stdout, "ledger: appended 7 runs"));
        Assert.Single(Regex.Matches(build.Stdout, "ledger: fitted snapshot"));
        // Long steps show their progress in a normal-verbosity log: the logs read, then the recipes fitted.
        Assert.Single(Regex.Matches(build.Stdout, "ledger: read 7/7 logs"));
        Assert.Contains("ledger: fitted 3/3 recipes", build.Stdout);
    }

    [Fact]
    public void A_malformed_run_log_fails_with_its_line_and_column_and_writes_nothing()
    {
        using var consumer = Consumer.Create().WithExampleRuns()
            .With("LedgerCommit", "c1").With("LedgerBranch", "main")
            .RunLogs("runs/**/*.csv").Save();
        consumer.WriteFile("runs/broken/seed1.csv", "compute,reward\n100,0.1\n200,abc\n400,0.3\n");

        var build = consumer.Build();
        Assert.Equal(1, build.ExitCode);
        Assert.Matches(@"runs/broken/seed1\.csv\(3,5\): error LEDGER106: ", build.Stdout);
        Assert.False(File.Exists(consumer.Database), "a bad log must not create (or half-write) the ledger");
        Assert.DoesNotContain(LedgerWorkLine, build.Stdout);
    }

    [Fact]
    public void A_ledger_that_is_not_a_ledger_fails_the_build_with_LEDGER402_and_is_left_as_it_was()
    {
        using var consumer = Consumer.Create().WithExampleRuns().RunLogs("runs/**/*.csv").Save();
        File.WriteAllText(consumer.Database, "not a ledger, but someone's notes");

        var build = consumer.Build();
        Assert.Equal(1, build.ExitCode);
        Assert.Contains($"{consumer.Database} : error LEDGER402: ", build.Stdout);
        Assert.DoesNotContain("MSB4018", build.Stdout);
        Assert.Equal("not a ledger, but someone's notes", File.ReadAllText(consumer.Database));
    }

    [Fact]
    public void RecipeFrom_metadata_makes_each_model_size_of_a_wide_export_a_recipe_fitted_on_the_project_s_window()
    {
        using var consumer = Consumer.Create()
            .With("LedgerCommit", "c1").With("LedgerBranch", "main").With("LedgerMinCompute", "8").With("LedgerReportEnabled", "false")
            .RunLogs("exports/sizes.csv", ("Format", "wide"), ("GpuHoursPerStep", "2"), ("RecipeFrom", "run")).Save();
        var export = File.ReadAllLines(Path.Combine(LocalFeed.RepositoryRoot, "tests", "data", "real-runs", "josancamon19_rl-scaling-laws__results_export.csv"));
        consumer.WriteFile("exports/sizes.csv", string.Join("\n", export) + "\n");

        var build = consumer.Build();

        Assert.True(build.ExitCode == 0, build.Output);
        // One run per model size (every column after Step), each its own recipe.
        var sizes = export[0].Split(',')[1..];
        Assert.Contains($"ledger: appended {sizes.Length} runs to snapshot 1 (main@c1): {sizes.Length} new", build.Stdout);
        using (var store = Ledger.Core.Storage.LiteDb.LiteDbLedgerStore.OpenExisting(consumer.Database))
        {
            var snapshot = Assert.Single(store.GetSnapshots());
            Assert.Equal(sizes.Order(StringComparer.Ordinal), snapshot.Recipes.Keys.Order(StringComparer.Ordinal));
            var fits = store.GetFits(snapshot.Id);
            Assert.Equal(sizes.Length, fits.Count);
            Assert.All(fits, fit => Assert.Equal(new Ledger.Core.Fitting.ComputeWindow(8, null), Ledger.Core.Pipeline.FitRecords.Contents(fit).Options.Window));
        }
        // The installed tool refits every stored fit from the ledger alone, window included, bit for bit.
        var verify = tool.Run(consumer.Folder, "verify", "--db", consumer.Database);
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        Assert.Equal($"verified: all {sizes.Length} stored fits reproduce bit for bit\n", verify.Stdout);
    }

    [Fact]
    public void A_project_setting_that_means_nothing_is_an_input_error_on_the_project()
    {
        using var consumer = Consumer.Create().WithExampleRuns()
            .With("LedgerTolerance", "two percent")
            .RunLogs("runs/**/*.csv").Save();

        var build = consumer.Build();
        Assert.Equal(1, build.ExitCode);
        Assert.Contains($"{consumer.ProjectFile} : error LEDGER120: found LedgerTolerance = 'two percent'", build.Stdout);
    }

    [Fact]
    public void Two_consumers_built_in_parallel_against_one_ledger_lose_nothing()
    {
        var root = Directory.CreateTempSubdirectory("ledger-consumer-").FullName;
        try
        {
            Consumer.WriteNuGetConfig(root);
            var database = Path.Combine(root, "shared.db");
            const int logsPerConsumer = 40;
            var consumers = new[] { "alpha", "beta" }.Select(name =>
            {
                var consumer = Consumer.CreateIn(root, name)
                    .With("LedgerDatabase", database).With("LedgerCommit", "c1").With("LedgerBranch", "main")
                    .RunLogs("runs/**/*.csv");
                for (var i = 0; i < logsPerConsumer; i++)
                    consumer.WriteFile($"runs/{name}-{i % 4}/seed{i}.csv", SyntheticLog(seed: name.Length * 1000 + i));
                return consumer.Save();
            }).ToList();
            Assert.Equal(0, DotnetSdk.Run(root, "new", "sln", "--name", "both", "--format", "sln").ExitCode);
            Assert.Equal(0, DotnetSdk.Run(root, ["sln", "both.sln", "add", .. consumers.Select(c => c.ProjectFile)]).ExitCode);

            var build = DotnetSdk.Build(root, "both.sln", "-m:2");
            Assert.True(build.ExitCode == 0, build.Output);

            using var store = Core.Storage.LiteDb.LiteDbLedgerStore.OpenExisting(database);
            var snapshot = Assert.Single(store.GetSnapshots());
            var digests = snapshot.Recipes.Values.SelectMany(d => d).ToHashSet();
            Assert.Equal(2 * logsPerConsumer, digests.Count);
            Assert.Equal(2 * logsPerConsumer, store.GetRuns(digests).Count);
            Assert.Equal(8, snapshot.Recipes.Count);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The text log of a binary log, replayed by MSBuild itself: what a binlog viewer would show.</summary>
    private static string Replay(string binaryLog)
    {
        var text = Path.ChangeExtension(binaryLog, ".txt");
        DotnetSdk.Run(Path.GetDirectoryName(binaryLog)!, "msbuild", binaryLog, "-noconlog", $"-flp:logfile={text};verbosity=minimal").Require("binlog replay");
        return File.ReadAllText(text);
    }

    /// <summary>A sigmoid run of 30 points through its inflection, with noise drawn from <paramref name="seed"/>.</summary>
    private static string SyntheticLog(int seed)
    {
        var random = new Random(seed);
        var lines = Enumerable.Range(0, 30).Select(i =>
        {
            var compute = 100 * Math.Pow(1000, i / 29.0);
            var reward = 0.05 + (0.8 - 0.05) / (1 + Math.Pow(5000 / compute, 1.5)) + 0.01 * (random.NextDouble() - 0.5);
            return string.Create(CultureInfo.InvariantCulture, $"{compute:R},{reward:R}");
        });
        return string.Join('\n', ["compute,reward", .. lines]) + "\n";
    }

    [GeneratedRegex(@"runs/grpo-b512/seed1\.csv : error LEDGER201: recipe 'grpo-b512' asymptote A = (?<a>[0-9.]+) \[[0-9.]+, [0-9.]+\] fell [0-9.]+ below baseline (?<baseline>[0-9.]+) \([^)]+\), tolerance [0-9.]+")]
    private static partial Regex Regression();
}
