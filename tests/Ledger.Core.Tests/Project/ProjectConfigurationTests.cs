using Ledger.Core.Diagnostics;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Project;
using Ledger.Core.Storage.LiteDb;
using Ledger.Core.Tests.Pipeline;

namespace Ledger.Core.Tests.Project;

/// <summary>How a project's LedgerRunLog items and Ledger properties become the pipeline's requests (the MSBuild tasks and `ledger --project`).</summary>
public sealed class ProjectConfigurationTests
{
    private static readonly string ProjectFile = Path.Combine(Path.GetTempPath(), "consumer", "consumer.csproj");
    private static readonly string ProjectDirectory = Path.GetDirectoryName(ProjectFile)!;

    private static RunLogItem Item(string relative, params (string Name, string Value)[] metadata) =>
        new(Path.Combine(ProjectDirectory, relative), metadata.ToDictionary(m => m.Name, m => m.Value));

    private static ProjectConfiguration Read(IReadOnlyList<RunLogItem> items, Dictionary<string, string>? properties = null,
        Dictionary<string, string>? environment = null) =>
        ProjectConfiguration.Read(ProjectFile, items, name => properties?.GetValueOrDefault(name), name => environment?.GetValueOrDefault(name));

    [Fact]
    public void Items_read_alike_form_one_selection_in_project_order_and_their_metadata_become_read_options()
    {
        var configuration = Read([
            Item("runs/a/seed1.csv"),
            Item("runs/b/seed1.csv", ("Recipe", "grpo"), ("RewardColumn", "eval/reward"), ("GpuHoursPerStep", "0.5")),
            Item("runs/a/seed2.csv", ("Recipe", "")),
            Item("runs/b/seed2.csv", ("recipe", "grpo"), ("REWARDCOLUMN", "eval/reward"), ("GpuHoursPerStep", "0.5")),
        ]);

        Assert.Equal(2, configuration.Logs.Count);
        Assert.Equal(new ReadOptions(), configuration.Logs[0].Read);
        Assert.Equal([Path.Combine(ProjectDirectory, "runs/a/seed1.csv"), Path.Combine(ProjectDirectory, "runs/a/seed2.csv")], configuration.Logs[0].Paths);
        Assert.Equal(new ReadOptions { Recipe = "grpo", RewardColumn = "eval/reward", GpuHoursPerStep = 0.5 }, configuration.Logs[1].Read);
        Assert.Equal(2, configuration.Logs[1].Paths.Count);
    }

    [Fact]
    public void Without_properties_the_defaults_sit_beside_the_project_and_LEDGER_DB_names_the_ledger()
    {
        var plain = Read([Item("runs/a.csv")]);
        Assert.Equal(Path.Combine(ProjectDirectory, "ledger.db"), plain.Database.File);
        Assert.Equal(Path.Combine(ProjectDirectory, "ledger.allow.json"), plain.AllowListPath);
        Assert.Equal(Path.Combine(ProjectDirectory, "ledger-report"), plain.ReportDirectory);
        Assert.Equal(new GateOptions().Tolerance, plain.Gate.Tolerance);
        Assert.Equal(CurveModelKind.Sigmoid4, plain.Fit.Model);
        Assert.Null(plain.Commit);
        Assert.Empty(plain.SourceTolerances);

        var fromEnvironment = Read([], environment: new() { ["LEDGER_DB"] = "/data/team.db" });
        Assert.Equal("/data/team.db", fromEnvironment.Database.File);
    }

    [Fact]
    public void Properties_are_read_relative_to_the_project_and_a_log_s_tolerance_is_keyed_by_the_path_the_ledger_keeps()
    {
        var configuration = Read(
            [Item("runs/grpo/seed1.csv", ("Tolerance", "0.05")), Item("runs/ppo/seed1.csv")],
            new()
            {
                ["LedgerDatabase"] = "data/ledger.db", ["LedgerTolerance"] = "0.03", ["LedgerBaseline"] = "release",
                ["LedgerModel"] = "power", ["LedgerLowerIsBetter"] = "True", ["LedgerCommit"] = "abc123", ["LedgerBranch"] = "feature",
                ["LedgerAllowList"] = "ci/allow.json", ["LedgerReportDirectory"] = " ",
            });

        Assert.Equal(Path.Combine(ProjectDirectory, "data", "ledger.db"), configuration.Database.File);
        Assert.Equal(0.03, configuration.Gate.Tolerance);
        Assert.True(configuration.Gate.LowerIsBetter);
        Assert.Equal(CurveModelKind.Power, configuration.Fit.Model);
        Assert.Equal(("abc123", "feature", "release"), (configuration.Commit, configuration.Branch, configuration.Baseline));
        Assert.Equal(Path.Combine(ProjectDirectory, "ci", "allow.json"), configuration.AllowListPath);
        Assert.Equal(Path.Combine(ProjectDirectory, "ledger-report"), configuration.ReportDirectory);
        Assert.Equal(new Dictionary<string, double> { ["runs/grpo/seed1.csv"] = 0.05 }, configuration.SourceTolerances);
    }

    [Fact]
    public void RecipeFrom_and_RecipePattern_metadata_become_read_options_and_part_of_the_read_file_key()
    {
        var configuration = Read([
            Item("exports/chart.csv", ("RecipeFrom", "run"), ("GpuHoursPerStep", "1")),
            Item("runs/sweep.csv", ("RecipePattern", "^(?<recipe>.+)-seed[0-9]+$")),
            Item("runs/plain.csv"),
        ]);

        Assert.Equal(
            [new ReadOptions { RecipeFrom = "run", GpuHoursPerStep = 1 }, new ReadOptions { RecipePattern = "^(?<recipe>.+)-seed[0-9]+$" }, new ReadOptions()],
            configuration.Logs.Select(selection => selection.Read));
        // A changed rule must read a file again: the keys of the same file under the three selections all differ.
        var file = typeof(ProjectConfigurationTests).Assembly.Location;
        Assert.Equal(3, configuration.Logs.Select(selection => new ReadFileKeys(selection.Read).For(file)).Distinct().Count());
    }

    [Fact]
    public void LedgerReference_and_LedgerFailOnDrift_reach_the_gate_s_request()
    {
        var set = Read([Item("runs/a.csv")], new() { ["LedgerReference"] = " 3f2a1c9 ", ["LedgerFailOnDrift"] = "true" });
        var unset = Read([Item("runs/a.csv")]);

        var request = set.GateRequest(new DateOnly(2026, 12, 3), _ => null);
        Assert.Equal(("3f2a1c9", true), (request.ReferenceOption, request.Gate.FailOnDrift));
        Assert.True(request.Gate.Fails(VerdictKind.Drifted));
        Assert.Equal("3f2a1c9", set.CheckRequest(DateTimeOffset.UnixEpoch, _ => null, null, null).ReferenceOption);
        Assert.Equal((null, false), (unset.GateRequest(new DateOnly(2026, 12, 3), _ => null).ReferenceOption, unset.Gate.FailOnDrift));
        Assert.False(unset.Gate.Fails(VerdictKind.Drifted));
    }

    [Fact]
    public void LedgerMinCompute_and_LedgerMaxCompute_set_the_fit_window()
    {
        var both = Read([Item("runs/a.csv")], new() { ["LedgerMinCompute"] = "1500", ["LedgerMaxCompute"] = "2e4" });
        var from = Read([Item("runs/a.csv")], new() { ["LedgerMinCompute"] = " 1500 " });

        Assert.Equal(new ComputeWindow(1500, 20000), both.Fit.Window);
        Assert.Equal(new ComputeWindow(1500, null), from.Fit.Window);
        Assert.Null(Read([Item("runs/a.csv")]).Fit.Window);
    }

    [Theory]
    [InlineData("LedgerMinCompute", "early", "LedgerMinCompute = 'early'", "a compute in GPU-hours, such as 1500")]
    [InlineData("LedgerMinCompute", "-5", "LedgerMinCompute = -5", "a finite compute of 0 or more GPU-hours")]
    [InlineData("LedgerMaxCompute", "1000", "LedgerMaxCompute = 1000", "a compute above LedgerMinCompute (1500)")]
    public void A_fit_window_that_means_nothing_is_LEDGER120_at_the_project_naming_the_property(string property, string value, string found, string expected)
    {
        var properties = new Dictionary<string, string> { ["LedgerMinCompute"] = "1500", [property] = value };

        var e = Assert.Throws<LedgerInputException>(() => Read([Item("runs/a.csv")], properties));

        Assert.Equal((ErrorCodes.InvalidOption, SourceLocation.WholeFile(ProjectFile)), (e.Code, e.Location));
        Assert.Equal((found, expected), (e.Found, e.Expected));
    }

    [Theory]
    [InlineData("LedgerTolerance", "two percent")]
    [InlineData("LedgerTolerance", "-0.01")]
    [InlineData("LedgerTolerance", "NaN")]
    [InlineData("LedgerModel", "cubic")]
    [InlineData("LedgerLowerIsBetter", "yes")]
    [InlineData("LedgerFailOnDrift", "on")]
    [InlineData("LedgerLockTimeout", "a minute")]
    [InlineData("LedgerLockTimeout", "-1")]
    [InlineData("LedgerLockTimeout", "86401")]
    public void A_property_that_means_nothing_is_LEDGER120_at_the_project_file(string property, string value)
    {
        var e = Assert.Throws<LedgerInputException>(() => Read([Item("runs/a.csv")], new() { [property] = value }));
        Assert.Equal(ErrorCodes.InvalidOption, e.Code);
        Assert.Equal(SourceLocation.WholeFile(ProjectFile), e.Location);
        Assert.Equal($"{property} = '{value}'", e.Found);
    }

    [Theory]
    [InlineData("LedgerCommit", "abc\n::error::injected")]
    [InlineData("LedgerBranch", "main\u001B[31m")]
    public void A_commit_or_branch_property_with_a_control_character_is_LEDGER130_at_the_project_file(string property, string value)
    {
        var e = Assert.Throws<LedgerInputException>(() => Read([Item("runs/a.csv")], new() { [property] = value }));

        Assert.Equal((ErrorCodes.UnsafeBuildName, SourceLocation.WholeFile(ProjectFile)), (e.Code, e.Location));
        Assert.Contains(property, e.Found);
    }

    [Fact]
    public void The_default_allow_list_may_be_missing_and_one_the_project_names_may_not()
    {
        var byDefault = Read([Item("runs/a.csv")], new() { ["LedgerAllowList"] = Path.Combine(ProjectDirectory, "ledger.allow.json") });
        var named = Read([Item("runs/a.csv")], new() { ["LedgerAllowList"] = "ci/allow.json" });

        Assert.False(byDefault.AllowListNamed);
        Assert.Empty(byDefault.GateRequest(new DateOnly(2026, 11, 23), _ => null).AllowList.Entries);
        Assert.True(named.AllowListNamed);
        var e = Assert.Throws<LedgerInputException>(() => named.GateRequest(new DateOnly(2026, 11, 23), _ => null));
        Assert.Equal((ErrorCodes.FileNotFound, Path.Combine(ProjectDirectory, "ci", "allow.json")), (e.Code, e.Location.File));
    }

    [Fact]
    public void The_lock_timeout_is_the_property_else_LEDGER_LOCK_TIMEOUT_else_30_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Read([]).LockTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2.5), Read([], environment: new() { ["LEDGER_LOCK_TIMEOUT"] = "2.5" }).LockTimeout);
        Assert.Equal(TimeSpan.FromSeconds(120),
            Read([], new() { ["LedgerLockTimeout"] = "120" }, new() { ["LEDGER_LOCK_TIMEOUT"] = "2.5" }).LockTimeout);
        Assert.Equal(TimeSpan.Zero, Read([], new() { ["LedgerLockTimeout"] = "0" }).LockTimeout);
        var e = Assert.Throws<LedgerInputException>(() => Read([], environment: new() { ["LEDGER_LOCK_TIMEOUT"] = "soon" }));
        Assert.Equal(SourceLocation.WholeFile("LEDGER_LOCK_TIMEOUT"), e.Location);
        Assert.Equal("LEDGER_LOCK_TIMEOUT = 'soon'", e.Found);
    }

    [Fact]
    public void A_tolerance_metadata_that_means_nothing_names_the_item()
    {
        var e = Assert.Throws<LedgerInputException>(() => Read([Item("runs/a.csv", ("Tolerance", "lots"))]));
        Assert.Equal("LedgerRunLog 'runs/a.csv' Tolerance = 'lots'", e.Found);
    }

    [Fact]
    public void A_log_s_tolerance_decides_its_recipe_s_gate_and_the_strictest_of_a_recipe_s_logs_wins()
    {
        using var folder = new TempFolder();
        CheckUseCaseTests.WriteLogs(folder.File("c1"), 0.8, 1);
        CheckUseCaseTests.WriteLogs(folder.File("f1"), 0.7, 2);
        var project = Path.Combine(folder.Path, "consumer.csproj");

        string Verdicts(string database, Func<string, (string, string)[]> metadata)
        {
            var summaries = new List<string>();
            foreach (var (commit, branch) in new[] { ("c1", "main"), ("f1", "feature") })
            {
                var items = Directory.EnumerateFiles(folder.File(commit), "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                    .Select(path => new RunLogItem(path, metadata(path).ToDictionary(m => m.Item1, m => m.Item2)))
                    .ToList();
                var configuration = ProjectConfiguration.Read(project, items,
                    name => name switch { "LedgerCommit" => commit, "LedgerBranch" => branch, _ => null }, _ => null) with
                {
                    Fit = new FitOptions { BootstrapResamples = 100 },
                };
                var check = CheckUseCase.Run(configuration.CheckRequest(DateTimeOffset.UnixEpoch, _ => null, null, null),
                    () => LiteDbLedgerStore.Open(Path.Combine(folder.Path, database)));
                summaries.Add(Core.Reporting.GateText.Summary(check.Gate.Report) + " " +
                              string.Join(",", check.Gate.Report.Verdicts.Select(v => $"{v.Recipe}:{check.Gate.Report.Options.ToleranceFor(v.Recipe)}")));
            }
            return summaries[1];
        }

        Assert.Equal("FAILED: 1 pass, 1 regressed grpo:0.02,ppo:0.02", Verdicts("plain.db", _ => []));
        Assert.Equal("passed: 2 pass grpo:0.15,ppo:0.02", Verdicts("loose.db", path => path.Contains("grpo") ? [("Tolerance", "0.15")] : []));
        // One of grpo's logs asks for the default tolerance explicitly: the strictest wins and the drop fails the gate.
        Assert.Equal("FAILED: 1 pass, 1 regressed grpo:0.02,ppo:0.02",
            Verdicts("mixed.db", path => path.Contains("grpo") ? [("Tolerance", path.EndsWith("seed0.csv") ? "0.02" : "0.15")] : []));
    }
}
