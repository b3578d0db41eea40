using System.Globalization;
using BenchmarkDotNet.Attributes;
using Ledger.Core.Ingest;
using nietras.SeparatedValues;
using Sylvan.Data.Csv;

namespace Ledger.Benchmarks;

/// <summary>
/// Reading the 1,000 logs x 100 points of `ledger curve`'s process benchmark (issue 17, item 2): our line reader and
/// tokenizer against the maintained zero-allocation parsers Sep and Sylvan.Data.Csv, each turning every cell into a
/// double; and, for scale, the whole read of a log as the verbs do it (RunLogReader: columns resolved, runs assembled,
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

    [Benchmark(Baseline = true)]
    public double OurTokenizer()
    {
        var sum = 0.0;
        foreach (var file in _files)
        {
            using var table = CsvLogTable.Open(file, new Utf8LineReader(file, LogFile.OpenRead(file)));
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
