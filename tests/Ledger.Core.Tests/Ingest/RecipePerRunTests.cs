using Ledger.Core.Diagnostics;
using Ledger.Core.Fitting;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage.LiteDb;
using Ledger.Core.Tests.Storage;
using Ledger.Core.Tests.Support;

namespace Ledger.Core.Tests.Ingest;

/// <summary>
/// A recipe per run (RecipeFrom 'run', RecipePattern) for the files that hold several runs: the real W&amp;B chart
/// exports of Deep-GRPO and josancamon19's wide export (tests/data/real-runs), and run columns. Every expected name
/// and count is taken from the CSV text by the test's own reading, not from the reader under test.
/// </summary>
public sealed class RecipePerRunTests
{
    private static readonly string[] DeepGrpoStepFiles = ["grpo_scale_rollout.csv", "loss_weight.csv", "sampling_strategy.csv"];
    private const string WideExport = "josancamon19_rl-scaling-laws__results_export.csv";
    private static readonly FitOptions QuickFit = new() { BootstrapResamples = 0 };
    private static readonly ReadOptions ChartByRun = new() { RecipeFrom = "run", GpuHoursPerStep = 1 };

    [Fact]
    public void Deep_GRPO_step_files_read_with_recipe_from_run_give_13_recipes_in_curve()
    {
        var expected = DistinctChartRuns();

        var result = CurveUseCase.Run(new CurveRequest(DeepGrpoStepFiles, DeepGrpoFolder, ChartByRun, QuickFit));

        Assert.Equal(13, expected.Count);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), result.Recipes.Select(r => r.Fit.Recipe));
        Assert.All(result.Recipes, recipe =>
        {
            Assert.Equal((1, expected[recipe.Fit.Recipe]), (recipe.Fit.RunCount, recipe.Fit.PointCount));
            Assert.Equal(recipe.Fit.Recipe, Assert.Single(recipe.Runs).RunName);
        });
    }

    [Fact]
    public void Deep_GRPO_step_files_appended_with_recipe_from_run_give_13_recipes_of_one_run_each()
    {
        using var folder = new TempFolder();
        var expected = DistinctChartRuns();
        var ledger = System.IO.Path.Combine(folder.Path, "ledger.db");

        var outcome = AppendUseCase.Run(new AppendRequest(DeepGrpoStepFiles, DeepGrpoFolder, ChartByRun, "c1", "main", SampleRuns.Time, _ => null),
            () => LiteDbLedgerStore.Open(ledger));

        // 15 run columns, one run three times over: 13 new runs, and the two repeats found already in the call.
        Assert.Equal((15, 13, 2), (outcome.Runs, outcome.NewRuns, outcome.ExistingRuns));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), outcome.Snapshot.Recipes.Keys.Order(StringComparer.Ordinal));
        using var store = LiteDbLedgerStore.OpenExisting(ledger);
        var runs = store.GetRuns(outcome.Snapshot.Recipes.Values.SelectMany(digests => digests).ToList());
        Assert.Equal(13, runs.Count);
        Assert.All(runs, run => Assert.Equal((run.RunName, expected[run.RunName]), (run.Recipe, run.Points.Count)));
    }

    [Fact]
    public void The_wide_export_read_with_recipe_from_run_gives_one_recipe_per_model_size()
    {
        var columns = WideColumnCounts();

        var runs = RunLogReader.Read(Path.Combine(TestData.RealRuns, WideExport), new ReadOptions { Format = "wide", GpuHoursPerStep = 2, RecipeFrom = "run" });
        var fits = RecipeFits.Fit(runs, QuickFit);

        Assert.Equal(columns.Keys, runs.Select(r => r.Recipe));
        Assert.Equal(columns.Keys.Order(StringComparer.Ordinal), fits.Select(f => f.Fit.Recipe));
        Assert.All(fits, f => Assert.Equal((1, columns[f.Fit.Recipe]), (f.Fit.RunCount, f.Fit.PointCount)));
    }

    [Fact]
    public void Blank_cells_of_the_wide_export_are_counted_in_one_warning_for_the_file()
    {
        var columns = WideColumnCounts();
        var rows = File.ReadAllLines(Path.Combine(TestData.RealRuns, WideExport)).Count(line => line.Length > 0) - 1;
        var blank = columns.Values.Sum(points => rows - points);

        var runs = RunLogReader.Read(Path.Combine(TestData.RealRuns, WideExport), new ReadOptions { Format = "wide", GpuHoursPerStep = 2 });

        Assert.All(runs, run => Assert.Equal([$"skipped {blank} blank 'reward' cells (steps at which a run logged no value)"], run.Warnings));
    }

    [Fact]
    public void A_pattern_groups_the_seeds_of_a_recipe_named_in_a_run_column()
    {
        using var folder = new TempFolder();
        var path = folder.Write("sweep.csv", "run,compute,reward\n"
            + string.Concat(new[] { "grpo-b512-seed1", "grpo-b512-seed2", "ppo-seed1" }
                .SelectMany((run, k) => Enumerable.Range(1, 8).Select(i => $"{run},{i * 1000},{0.8 * i / (i + 3.0) + 0.001 * k}\n"))));

        var runs = RunLogReader.Read(path, new ReadOptions { RecipePattern = "^(?<recipe>.+)-seed[0-9]+$" });
        var fits = RecipeFits.Fit(runs, QuickFit);

        Assert.Equal([("grpo-b512", "grpo-b512-seed1"), ("grpo-b512", "grpo-b512-seed2"), ("ppo", "ppo-seed1")], runs.Select(r => (r.Recipe, r.RunName)));
        Assert.Equal([("grpo-b512", 2, 16), ("ppo", 1, 8)], fits.Select(f => (f.Fit.Recipe, f.Fit.RunCount, f.Fit.PointCount)));
    }

    [Fact]
    public void A_pattern_reads_the_path_of_a_run_named_after_its_file()
    {
        using var folder = new TempFolder();
        var files = new[] { "runs/grpo-b512-seed1.csv", "runs/grpo-b512-seed2.csv", "runs/ppo-seed1.csv" }
            .Select((name, k) => folder.Write(name, "compute,reward\n" + string.Concat(Enumerable.Range(1, 8).Select(i => $"{i * 1000},{0.8 * i / (i + 3.0) + 0.001 * k}\n"))))
            .ToList();

        var runs = RunLogBatch.Read(files, new ReadOptions { RecipePattern = "/(?<recipe>[^/]+)-seed[0-9]+\\.csv$" });

        Assert.Equal([("grpo-b512", "grpo-b512-seed1"), ("grpo-b512", "grpo-b512-seed2"), ("ppo", "ppo-seed1")], runs.Select(r => (r.Recipe, r.RunName)));
    }

    [Fact]
    public void A_run_the_pattern_does_not_match_is_LEDGER129_at_its_name_in_the_file()
    {
        using var folder = new TempFolder();
        var path = folder.Write("sweep.csv", "run,compute,reward\ngrpo-seed1,1,0.1\ngrpo-seed1,2,0.2\nbaseline,1,0.1\n");

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions { RecipePattern = "^(?<recipe>.+)-seed[0-9]+$" }));

        Assert.Equal((ErrorCodes.RecipePatternNoMatch, path, 4, 1), (error.Code, error.Location.File, error.Location.Line, error.Location.Column));
        Assert.Equal("the run 'baseline', whose name RecipePattern '^(?<recipe>.+)-seed[0-9]+$' does not match", error.Found);
    }

    [Fact]
    public void A_chart_run_the_pattern_does_not_match_points_at_its_column_in_the_header()
    {
        var path = Path.Combine(DeepGrpoFolder, "loss_weight.csv");
        var header = File.ReadLines(path).First();
        var thirdRun = header.IndexOf("\"Qwen2.5-0.5B-Instruct-GSM8K-CRPO-sp-p1-b8-gamma2.0-lam2.0-01161659 - ", StringComparison.Ordinal);

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, ChartByRun with { RecipeFrom = null, RecipePattern = "-(?<recipe>lam0\\.[0-9])-" }));

        Assert.Equal((ErrorCodes.RecipePatternNoMatch, 1, thirdRun + 1), (error.Code, error.Location.Line, error.Location.Column));
        Assert.Contains("'Qwen2.5-0.5B-Instruct-GSM8K-CRPO-sp-p1-b8-gamma2.0-lam2.0-01161659'", error.Found);
    }

    public static TheoryData<ReadOptions, string> UsageErrors => new()
    {
        { new ReadOptions { RecipePattern = "(?<recipe>[a-z" }, "a .NET regular expression" },
        { new ReadOptions { RecipePattern = "^(.+)-seed[0-9]+$" }, "a regular expression with a group named 'recipe'" },
        { new ReadOptions { RecipeFrom = "folder" }, "'run' (every run its own recipe)" },
        { new ReadOptions { RecipeFrom = "run", Recipe = "grpo" }, "at most one of Recipe, RecipeColumn, RecipeFrom and RecipePattern" },
        { new ReadOptions { RecipeFrom = "run", RecipePattern = "(?<recipe>.+)" }, "at most one of Recipe, RecipeColumn, RecipeFrom and RecipePattern" },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public void A_pattern_that_cannot_name_a_recipe_or_two_recipe_rules_at_once_are_usage_errors(ReadOptions options, string expected)
    {
        using var folder = new TempFolder();
        var path = folder.Write("run.csv", "compute,reward\n1,0.1\n");

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, options));

        Assert.Equal(ErrorCodes.InvalidOption, error.Code);
        Assert.StartsWith(expected, error.Expected);
    }

    private static string DeepGrpoFolder => Path.Combine(TestData.RealRuns, "deep-grpo");

    /// <summary>Each run of the three step files with its number of non-blank cells; a run in several files must hold the same cells in each.</summary>
    private static Dictionary<string, int> DistinctChartRuns()
    {
        var runs = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (run, _, cells) in DeepGrpoStepFiles.SelectMany(file => ChartExportText.Series(Path.Combine(DeepGrpoFolder, file))))
        {
            if (runs.TryGetValue(run, out var seen))
                Assert.Equal(seen, cells);
            runs[run] = cells;
        }
        return runs.ToDictionary(r => r.Key, r => r.Value.Length, StringComparer.Ordinal);
    }

    /// <summary>The wide export's run columns (every column but Step), in file order, with their non-blank cells.</summary>
    private static Dictionary<string, int> WideColumnCounts()
    {
        var rows = File.ReadAllLines(Path.Combine(TestData.RealRuns, WideExport)).Where(line => line.Length > 0).Select(line => line.Split(',')).ToList();
        return Enumerable.Range(1, rows[0].Length - 1)
            .ToDictionary(k => rows[0][k], k => rows.Skip(1).Count(row => row[k].Length > 0), StringComparer.Ordinal);
    }
}
