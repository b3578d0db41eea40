using System.Text;

namespace Ledger.Core.Ingest;

/// <summary>
/// A whole JSON document as UTF-8 for <see cref="System.Text.Json.Utf8JsonReader"/>, built from lines that passed
/// <see cref="Utf8LineReader"/> (so it is proven text), with what is needed to turn a byte offset back into the
/// 1-based line and character column a person sees.
/// Python's json module writes NaN, Infinity and -Infinity, which are not JSON; Hugging Face's trainer_state.json
/// holds them whenever a gradient norm overflowed. They are replaced by strings of the same length, so offsets stay
/// true, and <see cref="PythonLiteralAt"/> gives them back so that a NaN reward is reported as non-finite.
/// </summary>
internal sealed class JsonDocumentText
{
    private static readonly (string Text, byte[] Utf8)[] PythonLiterals =
        [.. new[] { "-Infinity", "Infinity", "NaN" }.Select(l => (l, Encoding.ASCII.GetBytes(l)))];
    private readonly List<int> lineStarts = [];
    private readonly Dictionary<long, string> pythonLiterals = [];

    public JsonDocumentText(IEnumerable<TextLine> lines)
    {
        var text = new StringBuilder();
        var byteOffset = 0;
        foreach (var line in lines)
        {
            lineStarts.Add(byteOffset);
            byteOffset += Encoding.UTF8.GetByteCount(line.Text) + 1;
            text.Append(line.Text).Append('\n');
            IsBlank &= line.IsBlank;
        }
        Utf8 = Encoding.UTF8.GetBytes(text.ToString());
        ReplacePythonLiterals();
    }

    public byte[] Utf8 { get; }

    /// <summary>True for an empty file or one of blank lines only.</summary>
    public bool IsBlank { get; } = true;

    public (int Line, int Column) PositionOf(long byteOffset)
    {
        var index = lineStarts.BinarySearch((int)byteOffset);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, Encoding.UTF8.GetCharCount(Utf8, lineStarts[line], (int)byteOffset - lineStarts[line]) + 1);
    }

    /// <summary>
    /// The position a JsonException reports: a 0-based line and byte in that line. The document ends with a line
    /// break, after which the reader may report a line that does not exist: that is the end of the last line.
    /// </summary>
    public (int Line, int Column) PositionOf(long zeroBasedLine, long byteInLine)
    {
        if (zeroBasedLine >= lineStarts.Count)
            return PositionOf(Utf8.Length - 1);
        var start = lineStarts[(int)zeroBasedLine];
        var end = zeroBasedLine + 1 < lineStarts.Count ? lineStarts[(int)zeroBasedLine + 1] - 1 : Utf8.Length - 1;
        return PositionOf(start + Math.Min(byteInLine, end - start));
    }

    public string? PythonLiteralAt(long tokenStart) => pythonLiterals.GetValueOrDefault(tokenStart);

    private void ReplacePythonLiterals()
    {
        var inString = false;
        for (var i = 0; i < Utf8.Length; i++)
        {
            if (inString)
            {
                if (Utf8[i] == '\\')
                    i++;
                else if (Utf8[i] == '"')
                    inString = false;
                continue;
            }
            if (Utf8[i] == '"')
            {
                inString = true;
                continue;
            }
            foreach (var (literal, bytes) in PythonLiterals)
            {
                if (!Utf8.AsSpan(i).StartsWith(bytes))
                    continue;
                pythonLiterals[i] = literal;
                Utf8.AsSpan(i, bytes.Length).Fill((byte)'_');
                Utf8[i] = Utf8[i + bytes.Length - 1] = (byte)'"';
                i += bytes.Length - 1;
                break;
            }
        }
    }
}
