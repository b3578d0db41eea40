using System.Globalization;
using System.Text.Json;
using Ledger.Core.Diagnostics;
using Ledger.Core.Fitting;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting;

namespace Ledger.Core.Tests.Fitting;

/// <summary>
/// ScaleRL's fit window (--min-compute, --max-compute): only the points inside it are fitted. Checked against the one
/// truth that needs no numbers: logs that hold only the window's points, fitted with the same options.
/// </summary>
public sealed class FitWindowTests
{
    private static readonly ComputeWindow Window = new(1500, 20000);
    private static readonly FitOptions Options = new() { Window = Window, BootstrapResamples = 200, PredictAt = 1e5 };

    [Fact]
    public void A_fit_on_the_window_is_the_fit_of_logs_that_hold_only_the_window_s_points()
    {
        using var folder = new TempFolder();
        var inside = 0;
        foreach (var seed in new[] { 1, 3, 4 })
        {
            var points = Sigmoid(seed);
            inside += points.Count(p => Window.Contains(p.Compute));
            Write(folder, $"all/grpo/seed{seed}.csv", points);
            Write(folder, $"window/grpo/seed{seed}.csv", points.Where(p => Window.Contains(p.Compute)));
        }
        // A seed that stopped before the window drops out of the windowed fit entirely, and the seeds after it move up.
        Write(folder, "all/grpo/seed2.csv", Sigmoid(2).Where(p => p.Compute < Window.Min));

        var all = Fit(folder, "all", Options);
        var onlyWindow = Fit(folder, "window", Options);
        var everyPoint = Fit(folder, "all", Options with { Window = null });

        Assert.Equal((3, inside), (all.RunCount, all.PointCount));
        // The same points and options: the same fit. Not to the last bit, since a recipe's runs are fitted in the order
        // of their digests, and a log cut to the window is other content with another digest, so another order of sums.
        Assert.Equal((onlyWindow.Status, onlyWindow.Reason), (all.Status, all.Reason));
        foreach (var (expected, actual) in onlyWindow.Parameters.Zip(all.Parameters))
            Assert.Equal(expected.Value, actual.Value, Math.Abs(expected.Value) * 1e-9);
        // The points left out are far off the curve (a noisy start): fitted, they move A.
        Assert.NotEqual(all.Parameter("A")!.Value, everyPoint.Parameter("A")!.Value);
    }

    [Fact]
    public void Curve_s_text_and_JSON_say_the_window_and_how_many_points_it_left_out()
    {
        using var folder = new TempFolder();
        var points = Sigmoid(1);
        Write(folder, "runs/grpo/seed1.csv", points);
        var inside = points.Count(p => Window.Contains(p.Compute));

        var result = CurveUseCase.Run(new CurveRequest(["runs"], folder.Path, new ReadOptions(), Options));

        Assert.Contains($"  window:  compute 1500 to 20000 GPU-hours: {inside} of {points.Length} points fitted, {points.Length - inside} left out\n",
            CurveText.Write(result).ReplaceLineEndings("\n"));
        var window = JsonDocument.Parse(CurveJson.Write(result)).RootElement.GetProperty("fits")[0].GetProperty("window");
        Assert.Equal((1500.0, 20000.0, points.Length - inside),
            (window.GetProperty("min_compute").GetDouble(), window.GetProperty("max_compute").GetDouble(), window.GetProperty("left_out").GetInt32()));
    }

    [Fact]
    public void A_window_that_leaves_a_recipe_no_points_fails_that_recipe_alone()
    {
        var early = Run("early", Sigmoid(1).Where(p => p.Compute < 1000));
        var late = Run("late", Sigmoid(2));

        var fits = RecipeFits.Fit([early, late], Options with { Window = new ComputeWindow(1000, null) });

        Assert.Equal(["early", "late"], fits.Select(f => f.Fit.Recipe));
        Assert.Equal((FitStatus.Failed, $"the fit window (compute from 1000 GPU-hours) holds none of the {early.Points.Count} points"),
            (fits[0].Fit.Status, fits[0].Fit.Reason));
        Assert.Equal(FitStatus.Ok, fits[1].Fit.Status);
    }

    public static TheoryData<double?, double?, string, string> BadWindows => new()
    {
        { -1, null, "--min-compute", "a finite compute of 0 or more GPU-hours" },
        { double.NaN, null, "--min-compute", "a finite compute of 0 or more GPU-hours" },
        { null, double.PositiveInfinity, "--max-compute", "a finite compute of 0 or more GPU-hours" },
        { 2000, 2000, "--max-compute", "a compute above --min-compute (2000)" },
        { 5000, 100, "--max-compute", "a compute above --min-compute (5000)" },
        { null, null, "--min-compute", "a compute from which to fit, or --max-compute" },
    };

    [Theory]
    [MemberData(nameof(BadWindows))]
    public void A_window_that_cannot_hold_a_point_is_refused_naming_the_option(double? min, double? max, string option, string expected)
    {
        var error = Assert.Throws<LedgerInputException>(() => FitOptionsValidator.Validate(new FitOptions { Window = new ComputeWindow(min, max) }));

        Assert.Equal((ErrorCodes.InvalidOption, option, expected), (error.Code, error.Location.File, error.Expected));
    }

    [Fact]
    public void The_window_is_appended_to_the_options_canonical_text_only_when_there_is_one()
    {
        var plain = new FitOptions { PredictAt = 1e5 };

        Assert.Equal(plain.Canonical() + ";window=1500,-", (plain with { Window = new ComputeWindow(1500, null) }).Canonical());
        Assert.Equal(plain.Canonical() + ";window=-,2E+20", (plain with { Window = new ComputeWindow(null, 2e20) }).Canonical());
        Assert.DoesNotContain("window", plain.Canonical());
    }

    private static CurveFit Fit(TempFolder folder, string logs, FitOptions options) =>
        Assert.Single(CurveUseCase.Run(new CurveRequest([logs], folder.Path, new ReadOptions(), options)).Recipes).Fit;

    /// <summary>PRODUCT.md's reference curve (A 0.8, B 1.5, C_mid 5000) with 1 % noise from 1500 GPU-hours on, and a noisy start of 0.1 below it.</summary>
    private static CurvePoint[] Sigmoid(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 20).Select(i => 100 * Math.Pow(1.4, i)).Select(c =>
        {
            var truth = 0.8 / (1 + Math.Pow(5000 / c, 1.5));
            var reward = c < 1500 ? truth + 0.1 * random.NextDouble() : truth * (1 + 0.01 * (random.NextDouble() - 0.5));
            return new CurvePoint(c, reward);
        }).ToArray();
    }

    private static RunLog Run(string recipe, IEnumerable<CurvePoint> points) =>
        new(recipe, "seed1", $"runs/{recipe}/seed1.csv", "csv", ComputeMapping.FromColumn("compute"), "reward", points.ToList(), []);

    private static void Write(TempFolder folder, string name, IEnumerable<CurvePoint> points)
    {
        var path = folder.File(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, ["compute,reward", .. points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Compute:R},{p.Reward:R}"))]);
    }
}
