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
    private static readonly string[] PythonLiterals = ["-Infinity", "Infinity", "NaN"];
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

    /// <summary>1-based column of byte <paramref name="byteInLine"/> of 1-based line <paramref name="line"/>, as a JsonException reports it.</summary>
    public int ColumnOf(int line, long byteInLine)
    {
        var start = lineStarts[line - 1];
        var end = line < lineStarts.Count ? lineStarts[line] - 1 : Utf8.Length - 1;
        return Encoding.UTF8.GetCharCount(Utf8, start, (int)Math.Min(byteInLine, end - start)) + 1;
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
            foreach (var literal in PythonLiterals)
            {
                if (!Utf8.AsSpan(i).StartsWith(Encoding.ASCII.GetBytes(literal)))
                    continue;
                pythonLiterals[i] = literal;
                Utf8.AsSpan(i, literal.Length).Fill((byte)'_');
                Utf8[i] = Utf8[i + literal.Length - 1] = (byte)'"';
                i += literal.Length - 1;
                break;
            }
        }
    }
}
