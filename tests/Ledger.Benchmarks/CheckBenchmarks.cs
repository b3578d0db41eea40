using System.Globalization;
using BenchmarkDotNet.Attributes;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Benchmarks;

/// <summary>
/// `ledger check` in one process on 100 recipes x 10 seeds x 1,000 points (1 M points): cold (a fresh ledger: read,
/// append, fit every recipe with its 1,000-resample bootstrap, gate) and again with nothing changed (the ledger has
/// read every log before, unchanged, so none is read again; every fit and the gate's facts are reused without loading a point). The goal is 1,000 recipes cold in 15 s and a rerun under 1 s.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class CheckBenchmarks
{
    private const int Recipes = 100;
    private const int Seeds = 10;
    private const int Points = 1_000;
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "ledger-bench-check-v1");
    private static readonly string Logs = Path.Combine(Folder, "logs");
    private string _cold = null!;
    private string _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        var done = Path.Combine(Folder, "complete");
        if (!File.Exists(done))
        {
            if (Directory.Exists(Folder))
                Directory.Delete(Folder, recursive: true);
            WriteLogs(Logs, Recipes);
            File.WriteAllText(done, "");
        }
        _cold = Path.Combine(Folder, "cold.db");
        _warm = Path.Combine(Folder, "warm.db");
        AppendBenchmarkData.DeleteLedger(_warm);
        Check(_warm);
    }

    [IterationSetup(Target = nameof(CheckColdOn100Recipes))]
    public void DeleteLedger() => AppendBenchmarkData.DeleteLedger(_cold);

    [Benchmark]
    public bool CheckColdOn100Recipes() => Check(_cold).Gate.Failed;

    [Benchmark]
    public bool CheckAgainWithNothingChanged() => Check(_warm).Gate.Failed;

    [GlobalCleanup]
    public void Cleanup()
    {
        AppendBenchmarkData.DeleteLedger(_cold);
        AppendBenchmarkData.DeleteLedger(_warm);
    }

    private static CheckOutcome Check(string ledger) => CheckUseCase.Run(
        new CheckRequest(
            new AppendRequest([Logs], Folder, new ReadOptions(), "bench", "main", DateTimeOffset.UnixEpoch, _ => null),
            BaselineOption: null, new FitOptions(), new GateOptions(), AllowList.Empty, new DateOnly(2026, 11, 23)),
        () => LiteDbLedgerStore.Open(ledger), openExistingStore: () => LiteDbLedgerStore.OpenIfExists(ledger));

    /// <summary>Seeds of a recipe share their evaluation points, as RL runs evaluated every N steps do; noise is Gaussian, sd 0.01.</summary>
    internal static void WriteLogs(string logs, int recipes, int seeds = Seeds, int points = Points)
    {
        var random = new Random(17);
        for (var r = 0; r < recipes; r++)
        {
            var a = 0.6 + 0.3 * random.NextDouble();
            for (var s = 0; s < seeds; s++)
            {
                var folder = Directory.CreateDirectory(Path.Combine(logs, $"recipe-{r:D4}")).FullName;
                var lines = Enumerable.Range(0, points).Select(i =>
                {
                    var compute = 100 * Math.Pow(1000, i / (points - 1.0));
                    var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                    var reward = 0.05 + (a - 0.05) / (1 + Math.Pow(5000 / compute, 1.5)) + 0.01 * gaussian;
                    return string.Create(CultureInfo.InvariantCulture, $"{compute:R},{reward:R}");
                });
                File.WriteAllLines(Path.Combine(folder, $"seed{s}.csv"), ["compute,reward", .. lines]);
            }
        }
    }
}
