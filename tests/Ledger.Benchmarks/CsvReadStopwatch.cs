using System.Diagnostics;
using System.Globalization;

namespace Ledger.Benchmarks;

/// <summary>
/// `csv-stopwatch [ROUNDS]`: <see cref="CsvParserBenchmarks"/>' readers over its 1,000 logs, each timed with a stopwatch
/// in turn round after round (default 25, the first 5 not counted), medians printed; and the parts a short
/// BenchmarkDotNet run cannot tell apart on a shared machine: the reading without the parse of each cell, and the
/// opening of each log with its header, which both readers share.
/// </summary>
internal static class CsvReadStopwatch
{
    private const int WarmUpRounds = 5;

    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 25;
        var benchmarks = new CsvParserBenchmarks();
        benchmarks.Setup();
        try
        {
            var readers = new (string Name, Func<double> Read)[]
            {
                ("our tokenizer, every cell parsed", benchmarks.OurTokenizer),
                ("our table with Sep, every cell parsed", benchmarks.CsvLogTableWithSep),
                ("our tokenizer, rows only", () => benchmarks.OurTokenizerRowsOnly()),
                ("our table with Sep, rows only", () => benchmarks.CsvLogTableWithSepRowsOnly()),
                ("opening each log and reading its header", () => benchmarks.HeadersOnly()),
            };
            var times = readers.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < rounds + WarmUpRounds; round++)
            {
                for (var k = 0; k < readers.Length; k++)
                {
                    var watch = Stopwatch.StartNew();
                    readers[k].Read();
                    if (round >= WarmUpRounds)
                        times[k].Add(watch.Elapsed.TotalMilliseconds);
                }
            }
            for (var k = 0; k < readers.Length; k++)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{readers[k].Name}: {Medians.Of(times[k]):F1} ms (median of {rounds})"));
        }
        finally
        {
            benchmarks.Cleanup();
        }
        return 0;
    }
}
