using BenchmarkDotNet.Attributes;
using Ledger.Tests.Infrastructure;

namespace Ledger.Benchmarks;

/// <summary>
/// What Ledger.MSBuild costs a build that has nothing to do: `dotnet build --no-restore` of a consumer project that
/// references the packed package and lists the example run logs, against the same project without Ledger. Both were
/// built once before, so every target is up to date. The goal is an overhead under 300 ms. The package comes from
/// build/artifacts/feed (build/pack.sh).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10, invocationCount: 1)]
public class MsBuildNoOpBenchmarks
{
    private Consumer _withLedger = null!;
    private Consumer _withoutLedger = null!;

    [GlobalSetup]
    public void Setup()
    {
        _withLedger = Consumer.Create("with-ledger").WithExampleRuns()
            .With("LedgerCommit", "bench").With("LedgerBranch", "main")
            .RunLogs("runs/**/*.csv").Save();
        _withoutLedger = Consumer.Create("without-ledger").WithExampleRuns().WithoutLedger().Save();
        foreach (var consumer in new[] { _withLedger, _withoutLedger })
            consumer.Build().Require($"first build of {consumer.Name}");
    }

    [Benchmark(Baseline = true)]
    public int NoOpBuildWithoutLedger() => _withoutLedger.Build("--no-restore").Require("no-op build").ExitCode;

    [Benchmark]
    public int NoOpBuildWithLedger() => _withLedger.Build("--no-restore").Require("no-op build").ExitCode;

    [GlobalCleanup]
    public void Cleanup()
    {
        _withLedger.Dispose();
        _withoutLedger.Dispose();
    }
}
