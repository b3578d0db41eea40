using System.Diagnostics;
using Ledger.Core.Changes;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Benchmarks;

/// <summary>
/// `changes-stopwatch LEDGER [RUNS]`: `ledger changes` over the main branch of an existing ledger file, and its parts, each
/// timed with a stopwatch (fastest and slowest of RUNS, default 3), with the CPU time the process spent (on every thread,
/// the garbage collector's too: on a shared machine it moves less than the wall time) and the bytes it allocated, in process: for a ledger BenchmarkDotNet does not build,
/// such as the one <see cref="ChangesBenchmarks"/> built before snapshots kept their run sets. The fits' read is timed
/// on every 20th snapshot, which covers every run set of that benchmark's ledger.
/// </summary>
internal static class ChangesStopwatch
{
    private static readonly FitOptions Fit = new() { BootstrapResamples = 0 };

    public static int Run(string[] args)
    {
        if (args.Length is < 1 or > 2)
        {
            Console.Error.WriteLine("usage: changes-stopwatch LEDGER [RUNS]");
            return 2;
        }
        var (ledger, runs) = (args[0], args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3);
        IReadOnlyList<SnapshotRunSets> snapshots = [];
        IReadOnlyList<SnapshotRecipe> covering = [];
        BranchHistory history = null!;
        Time("the whole verb (ChangesUseCase)", runs, () =>
        {
            using var store = Open(ledger);
            return ChangesUseCase.Run(new ChangesRequest(null, null, null, Fit, null, AllowList.Empty), store).Changes.Count;
        });
        Time("the snapshots with their run sets (GetSnapshotRunSets)", runs, () =>
        {
            using var store = Open(ledger);
            snapshots = store.GetSnapshotRunSets("main");
            covering = snapshots.Where((_, i) => i % 20 == 19 || i == snapshots.Count - 1).SelectMany(s => s.Recipes.Keys.Select(r => new SnapshotRecipe(s.Id, r))).ToList();
            return snapshots.Count;
        });
        Time("every recipe's A from the stored fits (BranchAsymptotes.Read)", runs, () =>
        {
            using var store = Open(ledger);
            history = BranchAsymptotes.Read(store, snapshots, Fit);
            return history.Series.Count;
        });
        IReadOnlyList<(FitIdentity Identity, ReadOnlyMemory<byte> Summary)> distinct = [];
        Time("  the fits' identities with their summaries on the covering snapshots (GetFitIdentitiesWithSummaries)", runs, () =>
        {
            using var store = Open(ledger);
            distinct = store.GetFitIdentitiesWithSummaries(covering, FitRecords.OriginOf(Fit)).Values.SelectMany(f => f)
                .DistinctBy(f => f.Identity.InputDigest).Select(f => (f.Identity, f.Summary!.Value)).ToList();
            return distinct.Count;
        });
        Time("  parsing the distinct summaries, in parallel", runs, () =>
        {
            var parsed = new int[distinct.Count];
            Parallel.For(0, distinct.Count, i => parsed[i] = FitRecords.AsymptoteOf(distinct[i].Identity, distinct[i].Summary.Span).RunDigests.Count);
            return parsed.Length;
        });
        Time("segmenting and testing every recipe", runs, () =>
        {
            var rule = new ChangeRule(Fit.Tolerance);
            var changes = new int[history.Series.Count];
            Parallel.For(0, changes.Length, i => changes[i] = RecipeChanges.Of(history.Series[i], rule, []).Changes.Count());
            return changes.Sum();
        });
        return 0;
    }

    private static LiteDbLedgerStore Open(string ledger) => LiteDbLedgerStore.OpenReadOnly(ledger);

    private static void Time(string what, int runs, Func<int> part)
    {
        var (seconds, cpu, allocated) = (new List<double>(), new List<double>(), new List<long>());
        var result = 0;
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var (cpuBefore, allocatedBefore) = (process.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true));
            var clock = Stopwatch.StartNew();
            result = part();
            seconds.Add(clock.Elapsed.TotalSeconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
            allocated.Add(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
        }
        Console.WriteLine($"{what}: {seconds.Min():0.000}-{seconds.Max():0.000} s, {cpu.Min():0.000}-{cpu.Max():0.000} CPU-s, "
            + $"{allocated.Min() / 1e6:N0}-{allocated.Max() / 1e6:N0} MB over {runs} runs ({result:N0})");
    }
}
