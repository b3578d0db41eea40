using System.Globalization;
using BenchmarkDotNet.Attributes;
using Ledger.Core.Ingest;
using Ledger.Tests.Infrastructure;
using nietras.SeparatedValues;
using Sylvan.Data.Csv;

namespace Ledger.Benchmarks;

/// <summary>
/// Reading the 1,000 logs x 100 points of `ledger curve`'s process benchmark (issue 17, item 2): our line reader and
/// tokenizer, and our table with Sep splitting its rows (what the verbs use), against the maintained zero-allocation
/// parsers Sep and Sylvan.Data.Csv used bare, each turning every cell into a double; and, for scale, the whole read of a log as the verbs do it (RunLogReader: columns resolved, runs assembled,
/// every cell checked with its line and column).
/// </summary>
[MemoryDiagnoser]
public class CsvParserBenchmarks
{
    private string _folder = null!;
    private string[] _files = [];

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("ledger-bench-csv-").FullName;
        CurveOverLogsBenchmarks.WriteLogs(_folder, 1000, 100);
        _files = Directory.GetFiles(_folder, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary>Our line reader and tokenizer alone, as before Sep: a stream that cannot seek is read by them.</summary>
    [Benchmark(Baseline = true)]
    public double OurTokenizer() => SumCells(file => new ForwardOnlyStream(LogFile.OpenRead(file)));

    /// <summary>The table as the verbs read it: our tokenizer for the header, Sep for the rows.</summary>
    [Benchmark]
    public double CsvLogTableWithSep() => SumCells(LogFile.OpenRead);

    /// <summary>Our tokenizer's rows without the parse of each cell: the reading alone (timed by <see cref="CsvReadStopwatch"/>).</summary>
    public int OurTokenizerRowsOnly() => CountCells(file => new ForwardOnlyStream(LogFile.OpenRead(file)));

    /// <summary>The table's rows by Sep without the parse of each cell (timed by <see cref="CsvReadStopwatch"/>).</summary>
    public int CsvLogTableWithSepRowsOnly() => CountCells(LogFile.OpenRead);

    /// <summary>Opening each log and reading its header, what both readers share (timed by <see cref="CsvReadStopwatch"/>).</summary>
    public int HeadersOnly() => _files.Sum(file =>
    {
        using var table = CsvLogTable.Open(file, LogFile.OpenRead(file));
        return table.Columns.Count;
    });

    private int CountCells(Func<string, Stream> open) => _files.Sum(file =>
    {
        using var table = CsvLogTable.Open(file, open(file));
        return table.Rows().Sum(row => row.Cells.Length);
    });

    private double SumCells(Func<string, Stream> open)
    {
        var sum = 0.0;
        foreach (var file in _files)
        {
            using var table = CsvLogTable.Open(file, open(file));
            foreach (var row in table.Rows())
            {
                foreach (var cell in row.Cells)
                    sum += double.Parse(cell!.Value.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }
        return sum;
    }

    [Benchmark]
    public double Sep()
    {
        var sum = 0.0;
        foreach (var file in _files)
        {
            using var reader = nietras.SeparatedValues.Sep.Reader().FromFile(file);
            foreach (var row in reader)
            {
                for (var k = 0; k < row.ColCount; k++)
                    sum += row[k].Parse<double>();
            }
        }
        return sum;
    }

    [Benchmark]
    public double Sylvan()
    {
        var sum = 0.0;
        foreach (var file in _files)
        {
            using var reader = CsvDataReader.Create(file);
            while (reader.Read())
            {
                for (var k = 0; k < reader.FieldCount; k++)
                    sum += reader.GetDouble(k);
            }
        }
        return sum;
    }

    [Benchmark]
    public int WholeRead() => _files.Sum(file => RunLogReader.Read(file, new ReadOptions()).Sum(run => run.Points.Count));
}
