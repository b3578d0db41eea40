using BenchmarkDotNet.Attributes;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Benchmarks;

/// <summary>
/// `ledger append` of 10,000 logs of 1,000 points into a fresh ledger, as the verb does it in one process: expand,
/// read (in parallel), digest, one transaction. Each iteration starts from no ledger file; a few iterations only,
/// since one takes seconds. Peak memory of the real process is measured outside, with /usr/bin/time -v (README).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class AppendManyLogsBenchmarks
{
    private string _ledger = null!;

    [GlobalSetup]
    public void Setup() => _ledger = Path.Combine(AppendBenchmarkData.Folder, "fresh.db");

    [IterationSetup]
    public void DeleteLedger() => AppendBenchmarkData.DeleteLedger(_ledger);

    [Benchmark]
    public int Append10000LogsOf1000Points() =>
        AppendBenchmarkData.Append(AppendBenchmarkData.Logs, _ledger, "bench-fresh").NewRuns;

    [GlobalCleanup]
    public void Cleanup() => AppendBenchmarkData.DeleteLedger(_ledger);
}

/// <summary>The everyday CI case: one new log of 1,000 points into a ledger that already holds 10,000 runs.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10, invocationCount: 1)]
public class AppendOneLogBenchmarks
{
    private string _full = null!;
    private string _ledger = null!;
    private int _commit;

    [GlobalSetup]
    public void Setup()
    {
        _full = AppendBenchmarkData.LedgerWith10000Runs();
        _ledger = Path.Combine(AppendBenchmarkData.Folder, "incremental.db");
    }

    /// <summary>Each iteration appends to a fresh copy of the 10,000-run ledger, so every one adds the same new run.</summary>
    [IterationSetup]
    public void CopyLedger()
    {
        AppendBenchmarkData.DeleteLedger(_ledger);
        File.Copy(_full, _ledger);
    }

    [Benchmark]
    public int AppendOneLogInto10000Runs() =>
        AppendBenchmarkData.Append(AppendBenchmarkData.OneNewLog, _ledger, $"bench-one-{_commit++}").NewRuns;

    [GlobalCleanup]
    public void Cleanup() => AppendBenchmarkData.DeleteLedger(_ledger);
}

/// <summary>
/// The benchmark logs, written once (about 390 MB, deterministic) under the temp folder and reused by later
/// benchmark processes; delete the folder to regenerate.
/// </summary>
internal static class AppendBenchmarkData
{
    public static readonly string Folder = Path.Combine(Path.GetTempPath(), "ledger-bench-append-v1");
    public static readonly string Logs = Path.Combine(Folder, "logs");
    public static readonly string OneNewLog = Path.Combine(Folder, "one");

    static AppendBenchmarkData()
    {
        var done = Path.Combine(Folder, "complete");
        if (File.Exists(done))
            return;
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
        CurveOverLogsBenchmarks.WriteLogs(Logs, logs: 10_000, points: 1_000);
        // Another seed's draw, so its digest is new to the 10,000-run ledger.
        var random = new Random(11);
        var one = Directory.CreateDirectory(Path.Combine(OneNewLog, "new-recipe")).FullName;
        File.WriteAllLines(Path.Combine(one, "seed1.csv"),
            ["compute,reward", .. Enumerable.Range(0, 1000).Select(i => FormattableString.Invariant($"{100 * Math.Pow(200, i / 999.0):R},{0.05 + 0.7 / (1 + Math.Pow(1000 / (100 * Math.Pow(200, i / 999.0)), 1.5)) + 0.01 * random.NextDouble():R}"))]);
        File.WriteAllText(done, "");
    }

    public static string LedgerWith10000Runs()
    {
        var path = Path.Combine(Folder, "10000-runs.db");
        if (!File.Exists(path))
            Append(Logs, path, "bench-base");
        return path;
    }

    public static AppendOutcome Append(string logs, string ledger, string commit) =>
        AppendUseCase.Run(
            new AppendRequest([logs], Folder, new ReadOptions(), commit, "main", DateTimeOffset.UnixEpoch, _ => null),
            () => LiteDbLedgerStore.Open(ledger));

    public static void DeleteLedger(string path)
    {
        File.Delete(path);
        File.Delete(Path.ChangeExtension(path, null) + "-log.db");
    }
}
