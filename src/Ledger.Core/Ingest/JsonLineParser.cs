using System.Text;
using System.Text.Json;
using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>Parses one JSON Lines line into its top-level values, keeping the column where each value starts.</summary>
internal static class JsonLineParser
{
    public static Dictionary<string, LogCell> Parse(string path, TextLine line)
    {
        var utf8 = Encoding.UTF8.GetBytes(line.Text);
        var reader = new Utf8JsonReader(utf8);
        var values = new Dictionary<string, LogCell>(StringComparer.Ordinal);
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
                throw Malformed(path, line, ColumnOf(utf8, reader.TokenStartIndex),
                    $"{InputErrors.Quote(line.Text.Trim())}, which is not an object", "one JSON object per line");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var keyColumn = ColumnOf(utf8, reader.TokenStartIndex);
                var key = reader.GetString()!;
                reader.Read();
                if (!values.TryAdd(key, ReadValue(ref reader, utf8, line.Number)))
                    throw Malformed(path, line, keyColumn, $"the key {InputErrors.Quote(key)} a second time", "each key once per line");
            }
            if (reader.Read())
                throw Malformed(path, line, ColumnOf(utf8, reader.TokenStartIndex), "more JSON after the object", "one JSON object per line");
        }
        catch (JsonException e)
        {
            var column = ColumnOf(utf8, Math.Min(e.BytePositionInLine ?? 0, utf8.Length));
            var reason = e.Message.Split(" LineNumber:")[0].TrimEnd('.', ' ');
            var found = column > line.Text.Length ? "the end of the line" : InputErrors.Quote(line.Text[(column - 1)..]);
            throw Malformed(path, line, column, found, $"valid JSON ({reason})");
        }
        catch (InvalidOperationException e)
        {
            throw Malformed(path, line, 1, InputErrors.Quote(line.Text), $"valid JSON ({e.Message.TrimEnd('.')})");
        }
        return values;
    }

    private static LogCell ReadValue(ref Utf8JsonReader reader, byte[] utf8, int line)
    {
        var start = reader.TokenStartIndex;
        var column = ColumnOf(utf8, start);
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return new LogCell(Encoding.UTF8.GetString(reader.ValueSpan), line, column, CellKind.JsonNumber);
            case JsonTokenType.String:
                return new LogCell(reader.GetString()!, line, column, CellKind.JsonString);
            case JsonTokenType.Null:
                return new LogCell("null", line, column, CellKind.JsonNull);
            default:
                reader.Skip();
                var raw = Encoding.UTF8.GetString(utf8, (int)start, (int)(reader.BytesConsumed - start));
                return new LogCell(raw, line, column, CellKind.JsonOther);
        }
    }

    /// <summary>1-based character column of a byte offset in the line's UTF-8.</summary>
    private static int ColumnOf(byte[] utf8, long byteOffset) => Encoding.UTF8.GetCharCount(utf8, 0, (int)byteOffset) + 1;

    private static LedgerInputException Malformed(string path, TextLine line, int column, string found, string expected) =>
        InputErrors.At(ErrorCodes.MalformedJson, path, line.Number, column, found, expected);
}
