using System.Globalization;
using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>A CSV run log: the header is read on open; rows stream from the file as they are enumerated.</summary>
internal sealed class CsvLogTable : LogTable
{
    private readonly string path;
    private readonly Utf8LineReader reader;
    private readonly IEnumerator<TextLine> lines;
    private readonly CsvRecordTokenizer tokenizer;
    private readonly string[] columns;

    private CsvLogTable(string path, Utf8LineReader reader, IEnumerator<TextLine> lines)
    {
        this.path = path;
        this.reader = reader;
        this.lines = lines;
        var header = FirstNonBlankLine();
        HeaderLine = header.Number;
        tokenizer = new CsvRecordTokenizer(path, CsvDelimiter.Detect(header.Text), lines);
        var record = tokenizer.Read(header);
        columns = ReadColumnNames(record);
        HeaderCells = record.Fields.Select((field, k) => new LogCell(columns[k], field.Line, field.Column, CellKind.Text)).ToArray();
    }

    public override IReadOnlyList<string> Columns => columns;

    /// <summary>The header's names where the file writes them, for errors about a name (a run named by its column).</summary>
    public IReadOnlyList<LogCell> HeaderCells { get; }

    public override int HeaderLine { get; }

    /// <summary>Reads the header of a CSV log; the table owns <paramref name="reader"/> from then on.</summary>
    public static CsvLogTable Open(string path, Utf8LineReader reader)
    {
        var lines = reader.ReadLines().GetEnumerator();
        try
        {
            return new CsvLogTable(path, reader, lines);
        }
        catch
        {
            lines.Dispose();
            reader.Dispose();
            throw;
        }
    }

    public override IEnumerable<LogRow> Rows()
    {
        while (lines.MoveNext())
        {
            if (lines.Current.IsBlank)
                continue;
            var record = tokenizer.Read(lines.Current);
            RequireHeaderWidth(record);
            var cells = new LogCell?[record.Fields.Count];
            for (var i = 0; i < cells.Length; i++)
                cells[i] = new LogCell(record.Fields[i].Text, record.Fields[i].Line, record.Fields[i].Column, CellKind.Text);
            yield return new LogRow(record.Line, cells);
        }
    }

    public override void Dispose()
    {
        lines.Dispose();
        reader.Dispose();
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
