using System.Globalization;
using System.Text.Json;

namespace Ledger.Cli.Tests;

[Collection(InstalledToolCollection.Name)]
public sealed class CurveCommandTests(InstalledTool tool) : IDisposable
{
    // PRODUCT.md section 1's reference design: A = 0.80, B = 1.5, C_mid = 5000, R0 = 0, with 1 % noise.
    private static readonly double[] Compute = [500, 1000, 2000, 4000, 7000, 12000, 20000, 30000];
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-curve-").FullName;

    [Fact]
    public void Json_of_two_separate_processes_on_the_same_input_is_byte_identical()
    {
        WriteReferenceRuns("grpo-b512", seeds: 3);
        WriteReferenceRuns("ppo", seeds: 1);

        var first = tool.Run(_work, "curve", "runs/**/*.csv", "--format", "json", "--predict", "100000");
        var second = tool.Run(_work, "curve", "runs/**/*.csv", "--format", "json", "--predict", "100000");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Stdout, second.Stdout);
        using var json = JsonDocument.Parse(first.Stdout);
        Assert.Equal("ledger.curve/1", json.RootElement.GetProperty("schema").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("fits").GetArrayLength());
    }

    [Fact]
    public void Fits_are_byte_identical_with_the_processor_s_vector_instructions_turned_off()
    {
        // The repository's example runs (two and three seeds) and one 100-point run of distinct computes: every bootstrap
        // path, and sigmoids evaluated four points at a time where the processor allows, else one at a time.
        WriteReferenceRuns("single", seeds: 1);
        var single = Path.Combine(_work, "runs", "single", "seed1.csv");
        File.WriteAllLines(single, ["compute,reward", .. Enumerable.Range(0, 100).Select(i =>
        {
            var c = 100 * Math.Pow(300, i / 99.0);
            return string.Create(CultureInfo.InvariantCulture, $"{c},{0.05 + 0.75 / (1 + Math.Pow(3000 / c, 1.4)) + 0.01 * Math.Sin(7 * i)}");
        })]);
        string[] arguments = ["curve", Path.Combine(InstalledTool.RepositoryRoot, "tests", "examples", "runs", "**", "*.csv"), single,
            "--format", "json", "--predict", "100000"];

        var vectors = tool.Run(_work, arguments);
        var noAvx2 = tool.RunWith(new Dictionary<string, string> { ["DOTNET_EnableAVX2"] = "0" }, _work, arguments);
        var scalar = tool.RunWith(new Dictionary<string, string> { ["DOTNET_EnableHWIntrinsic"] = "0" }, _work, arguments);

        Assert.Equal(0, vectors.ExitCode);
        Assert.Equal(4, JsonDocument.Parse(vectors.Stdout).RootElement.GetProperty("fits").GetArrayLength());
        Assert.Equal(vectors.Stdout, noAvx2.Stdout);
        Assert.Equal(vectors.Stdout, scalar.Stdout);
    }

    [Fact]
    public void The_reference_case_fits_A_near_0_8_and_predicts_0_791_at_1e5()
    {
        WriteReferenceRuns("reference", seeds: 1);

        var run = tool.Run(_work, "curve", "runs/reference/seed1.csv", "--format", "json", "--predict", "100000");

        Assert.Equal(0, run.ExitCode);
        var fit = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("fits")[0];
        Assert.Equal("reference", fit.GetProperty("recipe").GetString());
        Assert.Equal("ok", fit.GetProperty("status").GetString());
        Assert.InRange(fit.GetProperty("asymptote").GetProperty("value").GetDouble(), 0.75, 0.85);
        Assert.InRange(fit.GetProperty("prediction").GetProperty("value").GetDouble(), 0.771, 0.811);
        Assert.Equal(8, fit.GetProperty("n").GetInt32());
    }

    [Fact]
    public void Three_points_before_the_inflection_print_unidentified_and_no_bare_A()
    {
        WriteReferenceRuns("early", seeds: 1, points: 3);

        var json = tool.Run(_work, "curve", "runs/early", "--format", "json");
        var text = tool.Run(_work, "curve", "runs/early");

        var fit = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("fits")[0];
        Assert.Equal("unidentified", fit.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, fit.GetProperty("asymptote").ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(fit.GetProperty("reason").GetString()));
        Assert.Contains("status:  unidentified: ", text.Stdout);
    }

    [Fact]
    public void Help_explains_every_option()
    {
        var root = tool.Run(_work, "--help");
        var curve = tool.Run(_work, "curve", "--help");

        Assert.Equal(0, root.ExitCode);
        Assert.Contains("curve", root.Stdout);
        foreach (var option in new[] { "--model", "--recipe", "--compute-column", "--reward-column", "--predict", "--format", "--gpu-hours-per-step", "--gpus", "--reward-max", "--bootstrap" })
        {
            Assert.Contains(option, curve.Stdout);
        }
    }

    [Theory]
    [InlineData("missing.csv", "LEDGER101")]
    [InlineData("nothing/**/*.csv", "LEDGER102")]
    public void A_missing_file_or_an_empty_glob_is_exit_2_with_its_code(string path, string code)
    {
        var run = tool.Run(_work, "curve", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(code, run.Stderr);
        Assert.Equal("", run.Stdout);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public void A_bad_cell_is_exit_2_naming_file_line_and_column()
    {
        Directory.CreateDirectory(Path.Combine(_work, "runs"));
        File.WriteAllText(Path.Combine(_work, "runs", "bad.csv"), "compute,reward\n100,0.1\n200,abc\n");

        var run = tool.Run(_work, "curve", "runs/bad.csv");

        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"bad\.csv\(3,5\): error LEDGER106", run.Stderr);
    }

    [Theory]
    [InlineData("--model", "cubic")]
    [InlineData("--predict", "-5")]
    [InlineData("--bootstrap", "many")]
    public void A_bad_option_value_is_exit_2(string option, string value)
    {
        WriteReferenceRuns("reference", seeds: 1);

        var run = tool.Run(_work, "curve", "runs", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(option, run.Stderr);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private void WriteReferenceRuns(string recipe, int seeds, int points = 8)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_work, "runs", recipe)).FullName;
        for (var seed = 1; seed <= seeds; seed++)
        {
            var random = new Random(seed);
            var lines = Compute.Take(points).Select(c =>
            {
                var truth = 0.80 / (1 + Math.Pow(5000 / c, 1.5));
                var noise = 1 + 0.01 * (random.NextDouble() * 2 - 1) * 1.7;
                return string.Create(CultureInfo.InvariantCulture, $"{c},{truth * noise}");
            });
            File.WriteAllLines(Path.Combine(folder, $"seed{seed}.csv"), ["compute,reward", .. lines]);
        }
    }
}
