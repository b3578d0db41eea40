using System.Diagnostics;
using System.Globalization;
using Ledger.Core.Fitting;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Benchmarks;

/// <summary>
/// `report-stopwatch LEDGER OUT [RUNS]`: `ledger report` of an existing ledger file (such as `report-ledger` writes) into
/// OUT, RUNS times (default 3) in one process, each timed with a stopwatch and its allocation counted: the
/// <see cref="ReportBenchmarks"/> measurement without BenchmarkDotNet's setup, which writes the ledger anew each time.
/// </summary>
internal static class ReportStopwatch
{
    public static int Run(string[] args)
    {
        if (args.Length is < 2 or > 3)
        {
            Console.Error.WriteLine("usage: report-stopwatch LEDGER OUT [RUNS]");
            return 2;
        }
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var fit = new FitOptions { BootstrapResamples = 100 };
        for (var i = 0; i < runs; i++)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            int files;
            using (var store = LiteDbLedgerStore.OpenExisting(args[0]))
                files = ReportUseCase.Run(new ReportRequest(args[1], null, null, null, null, fit), store).Files.Count;
            Console.WriteLine(FormattableString.Invariant(
                $"run {i + 1}: {clock.Elapsed.TotalSeconds:0.00} s, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e9:0.00} GB allocated, {files} files"));
        }
        return 0;
    }
}
