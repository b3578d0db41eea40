using System.Text.Json;

namespace Ledger.Cli.Tests;

/// <summary>
/// The installed tool on the exports users have (tests/data/real-runs): a recipe per run, the fit window, the rows
/// skipped for a blank metric on stderr, and a mistyped option that is refused before anything is read or written.
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed class RecipePerRunCommandTests(InstalledTool tool) : IDisposable
{
    private static readonly string DeepGrpo = Path.Combine(InstalledTool.RepositoryRoot, "tests", "data", "real-runs", "deep-grpo");
    private static readonly string[] StepFiles = ["grpo_scale_rollout.csv", "loss_weight.csv", "sampling_strategy.csv"];
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-recipe-per-run-").FullName;

    [Fact]
    public void Curve_with_recipe_from_run_fits_the_13_distinct_runs_of_Deep_GRPO_s_three_step_files_on_the_window()
    {
        var run = tool.Run(DeepGrpo, ["curve", .. StepFiles, "--recipe-from", "run", "--gpu-hours-per-step", "1", "--min-compute", "1500",
            "--bootstrap", "0", "--format", "json"]);

        Assert.Equal(0, run.ExitCode);
        var fits = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("fits").EnumerateArray().ToList();
        // The headers name 15 run columns; one run is in all three files with the same points, and is fitted once.
        var runs = RunColumns();
        Assert.Equal(15, runs.Count);
        var distinct = runs.DistinctBy(r => r.Run).ToDictionary(r => r.Run, r => r.Steps);
        Assert.Equal(distinct.Keys.Order(StringComparer.Ordinal), fits.Select(f => f.GetProperty("recipe").GetString()));
        Assert.All(fits, fit =>
        {
            var steps = distinct[fit.GetProperty("recipe").GetString()!];
            var window = fit.GetProperty("window");
            Assert.Equal(1500, window.GetProperty("min_compute").GetDouble());
            Assert.Equal(JsonValueKind.Null, window.GetProperty("max_compute").ValueKind);
            Assert.Equal(steps.Count(step => step < 1500), window.GetProperty("left_out").GetInt32());
            Assert.Equal(steps.Count(step => step >= 1500), fit.GetProperty("n").GetInt32());
        });
        // Every file is sparse (runs of different lengths share one Step column): one line each on stderr says how much was skipped.
        var warnings = run.Stderr.TrimEnd('\n').Split('\n');
        Assert.Equal(StepFiles, warnings.Select(w => Path.GetFileName(w[..w.IndexOf(": warning: ", StringComparison.Ordinal)])));
        Assert.All(warnings, w => Assert.Matches(@": warning: skipped [0-9]+ blank 'val-core/GSM8K/reward/mean@1' cells \(steps at which a run logged no value\)$", w));
    }

    [Theory]
    [InlineData("append")]
    [InlineData("curve")]
    public void A_mistyped_option_is_exit_2_with_the_option_it_resembles_and_writes_nothing(string verb)
    {
        var log = Path.Combine(_work, "runs", "grpo", "seed1.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        File.WriteAllText(log, "compute,reward\n100,0.1\n200,0.2\n");

        // Without the check, 'run' and '--recipe-frm' were two more paths, and the error a missing file.
        var run = tool.Run(_work, verb, "runs/grpo/seed1.csv", "--recipe-frm", "run");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal($"error LEDGER120: unknown option --recipe-frm; did you mean --recipe-from?\nRun 'ledger {verb} --help' for usage.\n",
            run.Stderr.ReplaceLineEndings("\n"));
        Assert.False(File.Exists(Path.Combine(_work, "ledger.db")), "a refused call created the ledger");
        Assert.Equal(["seed1.csv"], Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(log)!).Select(Path.GetFileName));
    }

    [Fact]
    public void A_path_that_begins_with_a_dash_is_still_a_path_after_a_double_dash()
    {
        var run = tool.Run(_work, "curve", "--", "-seed1.csv");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("-seed1.csv: error LEDGER101: found no such file or folder", run.Stderr);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>Every run column of the step files ('&lt;run&gt; - &lt;metric&gt;', bands aside) with the steps it has a value at, from the CSV text.</summary>
    private static List<(string Run, List<double> Steps)> RunColumns()
    {
        var runs = new List<(string, List<double>)>();
        foreach (var file in StepFiles)
        {
            var rows = File.ReadLines(Path.Combine(DeepGrpo, file)).Where(line => line.Length > 0)
                .Select(line => line.Split(',').Select(field => field.Trim('"')).ToArray()).ToList();
            for (var k = 1; k < rows[0].Length; k++)
            {
                if (rows[0][k].EndsWith("__MIN", StringComparison.Ordinal) || rows[0][k].EndsWith("__MAX", StringComparison.Ordinal))
                    continue;
                var steps = rows.Skip(1).Where(row => row[k].Length > 0).Select(row => double.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
                runs.Add((rows[0][k][..rows[0][k].LastIndexOf(" - ", StringComparison.Ordinal)], steps));
            }
        }
        return runs;
    }
}
