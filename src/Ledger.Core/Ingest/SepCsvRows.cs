using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Ledger.Core.Diagnostics;
using nietras.SeparatedValues;

namespace Ledger.Core.Ingest;

/// <summary>
/// The data rows of a CSV log after its header, split by Sep (a maintained SIMD parser) rather than by our tokenizer,
/// each cell with the line and column the tokenizer gives it. Sep is lenient where we are strict (a stray quote is
/// data to it, a ragged row is just a row), so rows are taken only where both must agree: a row without quotes is
/// split at every delimiter by both, and a row with quotes is handed, line by line, to <see cref="CsvRecordTokenizer"/>
/// itself. Anything else (an unequal width, a quote the tokenizer refuses, whatever <see cref="CheckedUtf8TextReader"/>
/// refuses, a line count that disagrees with Sep's, a row past Sep's length limit) stops the rows with <see cref="Doubted"/> set, and the caller lets
/// the tokenizer reread the file from its start: every coded error keeps its line and column because the tokenizer
/// still raises it.
/// </summary>
internal sealed class SepCsvRows(string path, Utf8LineReader rest, char delimiter, int firstLine, int columnCount) : IDisposable
{
    private static readonly SearchValues<char> QuoteOrLineEnd = SearchValues.Create("\"\r\n");

    /// <summary>Sep numbers lines from where it starts reading, the first line after the header.</summary>
    private readonly int lineBeforeRows = firstLine - 1;
    private SepReader? sep;
    /// <summary>The line the next row starts on.</summary>
    private int line = firstLine;

    /// <summary>True once a row was met that only the tokenizer may judge; no row is read after it.</summary>
    public bool Doubted { get; private set; }

    /// <summary>The next data row (blank lines skipped), or false at the end of the file or once <see cref="Doubted"/>.</summary>
    public bool TryRead([NotNullWhen(true)] out LogRow? row)
    {
        row = null;
        if (Doubted)
            return false;
        try
        {
            sep ??= OpenSep();
            while (sep.MoveNext())
            {
                var current = sep.Current;
                var taken = Take(current, out row, out var lineBreaks);
                line += lineBreaks + 1;
                if (!taken || line != lineBeforeRows + current.LineNumberToExcl)
                    return Doubt(out row);
                if (row is not null)
                    return true;
            }
            return false;
        }
        catch (CheckedUtf8TextReader.Refused)
        {
            return Doubt(out row);
        }
        catch (NotSupportedException)
        {
            // Sep's limit of 16 Mi characters a row: a row of many short quoted lines (each line within the line
            // reader's limit) can pass it, and the tokenizer reads or refuses such a row as it always did.
            return Doubt(out row);
        }
    }

    public void Dispose() => sep?.Dispose();

    /// <summary>Sep reads its first block on opening, so the checked reader may refuse before Sep owns it.</summary>
    private SepReader OpenSep()
    {
        var text = new CheckedUtf8TextReader(rest);
        try
        {
            return Sep.New(delimiter).Reader(o => o with { HasHeader = false, DisableColCountCheck = true }).From(text);
        }
        catch
        {
            text.Dispose();
            throw;
        }
    }

    private bool Doubt(out LogRow? row)
    {
        row = null;
        Doubted = true;
        return false;
    }

    /// <summary>False when the tokenizer must judge the row; else the row, or null for a blank line.</summary>
    private bool Take(SepReader.Row current, out LogRow? row, out int lineBreaks)
    {
        row = null;
        lineBreaks = 0;
        var text = current.Span;
        // One pass over the row for the three characters that take it off the plain path (most rows hold none).
        var special = text.IndexOfAny(QuoteOrLineEnd);
        if (special >= 0 && text[special..].Contains('"'))
            return TakeQuoted(text, out row, out lineBreaks);
        // Outside quotes both end a line at CR, LF and CRLF; a line end inside a row without quotes would mean they do not.
        if (special >= 0)
            return false;
        if (text.IsWhiteSpace())
            return true;
        if (current.ColCount != columnCount)
            return false;
        var cells = new LogCell?[columnCount];
        var column = 1;
        for (var k = 0; k < columnCount; k++)
        {
            var field = current[k].Span;
            cells[k] = new LogCell(field.ToString(), line, column, CellKind.Text);
            column += field.Length + 1;
        }
        row = new LogRow(line, cells);
        return column == text.Length + 2;
    }

    /// <summary>Tokenizes the row's lines as the tokenizer would have read them from the file; it must end where Sep's row ends.</summary>
    private bool TakeQuoted(ReadOnlySpan<char> text, out LogRow? row, out int lineBreaks)
    {
        row = null;
        var lines = PhysicalLines(text);
        lineBreaks = lines.Count - 1;
        using var rest = lines.Skip(1).GetEnumerator();
        CsvRecord record;
        try
        {
            record = new CsvRecordTokenizer(path, delimiter, rest).Read(lines[0]);
        }
        catch (LedgerInputException)
        {
            return false;
        }
        if (rest.MoveNext() || record.Fields.Count != columnCount)
            return false;
        row = new LogRow(record.Line, record.Cells());
        return true;
    }

    private List<TextLine> PhysicalLines(ReadOnlySpan<char> text)
    {
        var lines = new List<TextLine>();
        var number = line;
        for (var i = text.IndexOfAny('\r', '\n'); i >= 0; i = text.IndexOfAny('\r', '\n'))
        {
            var terminator = text[i] == '\n' ? "\n" : text[(i + 1)..].StartsWith('\n') ? "\r\n" : "\r";
            lines.Add(new TextLine(number++, text[..i].ToString(), terminator));
            text = text[(i + terminator.Length)..];
        }
        lines.Add(new TextLine(number, text.ToString(), ""));
        return lines;
    }
}
