using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Ledger.Core.Fitting;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Benchmarks;

/// <summary>
/// `ledger report` of a long-lived ledger: 1,000 snapshots of 50 recipes (two seeds of 16 points each), every fit
/// already recorded, as after a year of CI with `ledger fit`. Writes 1,000 snapshot pages of 50 plots each, 50
/// recipe pages and 10 index pages. A few iterations only, since one takes seconds.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class ReportBenchmarks
{
    private const int Snapshots = 1_000;
    private const int Recipes = 50;
    private static readonly FitOptions Fit = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-report-bench-").FullName;

    private string Ledger => Path.Combine(_folder, "ledger.db");
    private string Out => Path.Combine(_folder, "report");

    [GlobalSetup]
    public void Setup()
    {
        var logs = Path.Combine(_folder, "logs");
        for (var recipe = 0; recipe < Recipes; recipe++)
        {
            for (var seed = 1; seed <= 2; seed++)
            {
                WriteLog(Path.Combine(logs, $"recipe-{recipe:00}", $"seed{seed}.csv"), 0.6 + recipe / 250.0, seed);
            }
        }
        var runs = RunLogBatch.Read(RunLogSources.Expand([logs], _folder), new ReadOptions());
        using var store = LiteDbLedgerStore.Open(Ledger);
        for (var i = 0; i < Snapshots; i++)
        {
            store.Append(new SnapshotDraft($"commit{i:0000}", "main", DateTimeOffset.UnixEpoch.AddHours(i)), runs);
        }
        // Record the fits once, as `ledger fit` would: every snapshot holds the same runs, so the fit cache serves them all.
        FitUseCase.ForSnapshot(store, store.GetSnapshots("main", "commit0000").Single(), Fit);
    }

    [Benchmark]
    public int Report1000SnapshotsOf50Recipes()
    {
        using var store = LiteDbLedgerStore.OpenExisting(Ledger);
        return ReportUseCase.Run(new ReportRequest(Out, null, null, null, null, Fit), store).Files.Count;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    private static void WriteLog(string path, double a, int seed)
    {
        var csv = new StringBuilder("compute,reward\n");
        for (var i = 0; i < 16; i++)
        {
            var compute = 250 * Math.Pow(1.35, i);
            var reward = 0.05 + (a - 0.05) / (1 + Math.Pow(2_000 / compute, 1.4)) + 0.005 * Math.Sin(5 * i + seed);
            csv.Append(compute.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(reward.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, csv.ToString());
    }
}
