using BenchmarkDotNet.Attributes;
using Ledger.Core.Ingest;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Benchmarks;

/// <summary>
/// An append's lookup of the 10,000 files it lists in a ledger file that earlier Ledger builds (or other read options)
/// have also read, each leaving 10,000 records of its own scope: the lookup should cost the same however many there are,
/// since none of theirs can match. Before the scopes every lookup decoded every record of every build.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ReadFileLookupBenchmarks
{
    private const int Files = 10_000;
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-read-files-bench-").FullName;
    private LiteDbLedgerStore _store = null!;
    private List<string> _keys = null!;

    [Params(0, 30)]
    public int OtherBuilds { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _store = LiteDbLedgerStore.Open(Path.Combine(_folder, $"ledger-{OtherBuilds}.db"));
        var run = new RunLog("grpo", "seed1", "runs/grpo/seed1.csv", "csv", ComputeMapping.FromColumn("compute"), "reward",
            [new CurvePoint(1, 0.1), new CurvePoint(2, 0.2)], []);
        for (var build = 0; build <= OtherBuilds; build++)
        {
            // The scope is the one this build's keys have; the current build is the last.
            var keys = Enumerable.Range(0, Files).Select(i => $"{build:x16}-{i:x64}").ToList();
            _store.AppendFiles(new SnapshotDraft($"c{build}", "main", DateTimeOffset.UnixEpoch), keys.Select(key => AppendSource.Read(key, [run])).ToList());
            _keys = keys;
        }
    }

    [Benchmark]
    public int FindTheCurrentBuildsRecords() => _store.FindReadFiles(_keys).Count;

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
