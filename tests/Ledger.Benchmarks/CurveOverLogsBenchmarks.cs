using System.Globalization;
using BenchmarkDotNet.Attributes;
using Ledger.Core.Fitting;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;

namespace Ledger.Benchmarks;

/// <summary>
/// `ledger curve` over 1,000 logs of 100 points (1,000 recipes, each fitted with its 1,000-resample bootstrap):
/// read, group and fit, as the verb does it in one process.
/// </summary>
public class CurveOverLogsBenchmarks
{
    private const int Logs = 1000;
    private const int Points = 100;
    private string _folder = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("ledger-bench-logs-").FullName;
        WriteLogs(_folder, Logs, Points);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark]
    public int Curve1000Logs() =>
        CurveUseCase.Run(new CurveRequest([_folder], _folder, new ReadOptions(), new FitOptions())).Recipes.Count;

    /// <summary>Synthetic sigmoid4 logs with seeded noise, one recipe folder each.</summary>
    public static void WriteLogs(string folder, int logs, int points)
    {
        var random = new Random(7);
        for (var log = 0; log < logs; log++)
        {
            var recipe = Directory.CreateDirectory(Path.Combine(folder, $"recipe-{log:D4}")).FullName;
            var a = 0.6 + 0.3 * random.NextDouble();
            var lines = Enumerable.Range(0, points).Select(i =>
            {
                var compute = 100 * Math.Pow(200, i / (points - 1.0));
                var reward = 0.05 + (a - 0.05) / (1 + Math.Pow(1000 / compute, 1.5)) + 0.007 * (random.NextDouble() - 0.5) * 3.4;
                return string.Create(CultureInfo.InvariantCulture, $"{compute:R},{reward:R}");
            });
            File.WriteAllLines(Path.Combine(recipe, "seed1.csv"), ["compute,reward", .. lines]);
        }
    }
}
