using System.Text;
using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

internal readonly record struct CsvField(string Text, int Line, int Column);

/// <summary>One CSV record; it spans several lines when a quoted field holds line breaks. End is just past its last character.</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<CsvField> Fields, int EndLine, int EndColumn)
{
    /// <summary>The record's fields as a log row's cells, each where its field starts.</summary>
    public LogCell?[] Cells()
    {
        var cells = new LogCell?[Fields.Count];
        for (var i = 0; i < cells.Length; i++)
            cells[i] = new LogCell(Fields[i].Text, Fields[i].Line, Fields[i].Column, CellKind.Text);
        return cells;
    }
}

/// <summary>
/// An RFC 4180 tokenizer over lines that already passed <see cref="Utf8LineReader"/>: quoted fields, "" for a
/// quote inside them, line breaks inside them. It is strict where the RFC is (a stray quote is an error, not data)
/// and keeps the line and column where each field starts.
/// </summary>
internal sealed class CsvRecordTokenizer(string path, char delimiter, IEnumerator<TextLine> lines)
{
    private const int MaxFieldChars = Utf8LineReader.MaxLineBytes;

    /// <summary>Reads the record that starts on <paramref name="first"/>, taking more lines from the enumerator while a quote is open.</summary>
    /// <summary>Fields seen in the last record: the next one most likely has as many, so its list starts that large.</summary>
    private int expectedFields = 4;

    public CsvRecord Read(TextLine first)
    {
        var fields = new List<CsvField>(expectedFields);
        var line = first;
        var i = 0;
        while (true)
        {
            var (startLine, startColumn) = (line.Number, i + 1);
            string value;
            if (i < line.Text.Length && line.Text[i] == '"')
            {
                (value, line, i) = ReadQuoted(line, i + 1, startColumn);
                if (i < line.Text.Length && line.Text[i] != delimiter)
                    throw Malformed(line.Number, i + 1, $"{InputErrors.Quote(line.Text[i..])} after the closing quote of a field",
                        "a delimiter or the end of the line right after a closing quote");
            }
            else
            {
                var end = line.Text.IndexOf(delimiter, i);
                if (end < 0)
                    end = line.Text.Length;
                value = line.Text[i..end];
                var quote = value.IndexOf('"');
                if (quote >= 0)
                    throw Malformed(line.Number, i + quote + 1, $"a quote inside the unquoted field {InputErrors.Quote(value)}",
                        "quotes only around a whole field, with \"\" for a quote inside it");
                i = end;
            }
            fields.Add(new CsvField(value, startLine, startColumn));
            if (i >= line.Text.Length)
            {
                expectedFields = fields.Count;
                return new CsvRecord(first.Number, fields, line.Number, line.Text.Length + 1);
            }
            i++;
        }
    }

    private (string Value, TextLine Line, int Next) ReadQuoted(TextLine line, int i, int openColumn)
    {
        var value = new StringBuilder();
        var openLine = line.Number;
        while (true)
        {
            var text = line.Text;
            while (i < text.Length)
            {
                if (text[i] != '"')
                {
                    value.Append(text[i++]);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    value.Append('"');
                    i += 2;
                }
                else
                {
                    return (value.ToString(), line, i + 1);
                }
            }
            if (!lines.MoveNext())
                throw Malformed(openLine, openColumn, "a quoted field that is never closed", "a closing quote");
            value.Append(line.Terminator);
            if (value.Length > MaxFieldChars)
                throw InputErrors.At(ErrorCodes.LineTooLong, path, openLine, openColumn,
                    $"a quoted field longer than {MaxFieldChars:N0} characters", "fields of at most 1 MiB (is a closing quote missing?)");
            line = lines.Current;
            i = 0;
        }
    }

    private LedgerInputException Malformed(int line, int column, string found, string expected) =>
        InputErrors.At(ErrorCodes.MalformedCsv, path, line, column, found, expected);
}
