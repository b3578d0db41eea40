using System.Globalization;
using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>
/// A CSV run log: the header is read on open; rows stream from the file as they are enumerated. The header is read by
/// our line reader and tokenizer; the rows by Sep where the stream can seek (a file), else by the tokenizer. Sep hands
/// over to the tokenizer, rereading from the file's start, at anything the two might read differently (SepCsvRows), so
/// a file reads the same and fails with the same code, line and column either way.
/// </summary>
internal sealed class CsvLogTable : LogTable
{
    private readonly string path;
    private readonly Stream stream;
    private readonly Utf8LineReader reader;
    private readonly IEnumerator<TextLine> lines;
    private readonly char delimiter;
    private readonly CsvRecordTokenizer tokenizer;
    private readonly string[] columns;
    private readonly int firstRowLine;

    private CsvLogTable(string path, Stream stream)
    {
        this.path = path;
        this.stream = stream;
        reader = new Utf8LineReader(path, stream);
        lines = reader.ReadLines().GetEnumerator();
        try
        {
            var header = FirstNonBlankLine();
            HeaderLine = header.Number;
            delimiter = CsvDelimiter.Detect(header.Text);
            tokenizer = new CsvRecordTokenizer(path, delimiter, lines);
            var record = tokenizer.Read(header);
            columns = ReadColumnNames(record);
            HeaderCells = record.Fields.Select((field, k) => new LogCell(columns[k], field.Line, field.Column, CellKind.Text)).ToArray();
            firstRowLine = record.EndLine + 1;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public override IReadOnlyList<string> Columns => columns;

    /// <summary>The header's names where the file writes them, for errors about a name (a run named by its column).</summary>
    public IReadOnlyList<LogCell> HeaderCells { get; }

    public override int HeaderLine { get; }

    /// <summary>Reads the header of a CSV log; the table owns <paramref name="stream"/> from then on.</summary>
    public static CsvLogTable Open(string path, Stream stream) => new(path, stream);

    public override IEnumerable<LogRow> Rows() => stream.CanSeek ? RowsBySep() : TokenizedRows();

    public override void Dispose()
    {
        lines.Dispose();
        reader.Dispose();
        stream.Dispose();
    }

    private IEnumerable<LogRow> RowsBySep()
    {
        var taken = 0;
        using (var rows = new SepCsvRows(path, reader, delimiter, firstRowLine, columns.Length))
        {
            while (rows.TryRead(out var row))
            {
                taken++;
                yield return row;
            }
            if (!rows.Doubted)
                yield break;
        }
        // The rows Sep gave are the tokenizer's first ones; it reads the rest and raises any error where it always has.
        stream.Position = 0;
        using var again = new CsvLogTable(path, stream);
        foreach (var row in again.TokenizedRows().Skip(taken))
            yield return row;
    }

    private IEnumerable<LogRow> TokenizedRows()
    {
        while (lines.MoveNext())
        {
            if (lines.Current.IsBlank)
                continue;
            var record = tokenizer.Read(lines.Current);
            RequireHeaderWidth(record);
            yield return new LogRow(record.Line, record.Cells());
        }
    }

    private TextLine FirstNonBlankLine()
    {
        var sawAnyLine = false;
        while (lines.MoveNext())
        {
            if (!lines.Current.IsBlank)
                return lines.Current;
            sawAnyLine = true;
        }
        throw InputErrors.At(ErrorCodes.EmptyFile, path, 1, 1, sawAnyLine ? "only blank lines" : "an empty file",
            "a header row and at least one data row");
    }

    private string[] ReadColumnNames(CsvRecord header)
    {
        if (header.Fields.All(f => double.TryParse(f.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            var text = string.Join(",", header.Fields.Select(f => f.Text));
            throw InputErrors.At(ErrorCodes.MissingHeader, path, header.Line, 1, $"the numbers {InputErrors.Quote(text)} where the header belongs",
                "a first row that names the columns, such as 'compute,reward'");
        }
        var names = header.Fields.Select(f => f.Text.Trim()).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < names.Length; k++)
        {
            if (names[k].Length > 0 && !seen.Add(names[k]))
                throw InputErrors.At(ErrorCodes.MalformedCsv, path, header.Fields[k].Line, header.Fields[k].Column,
                    $"the column name {InputErrors.Quote(names[k])} a second time in the header", "each column name once");
        }
        return names;
    }

    private void RequireHeaderWidth(CsvRecord record)
    {
        var count = record.Fields.Count;
        if (count == columns.Length)
            return;
        var (line, column) = count > columns.Length
            ? (record.Fields[columns.Length].Line, record.Fields[columns.Length].Column)
            : (record.EndLine, record.EndColumn);
        throw InputErrors.At(ErrorCodes.MalformedCsv, path, line, column, $"{count} fields",
            $"{columns.Length} fields, as in the header on line {HeaderLine}");
    }
}
