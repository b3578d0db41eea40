using System.Text;

namespace Ledger.Core.Gating;

/// <summary>
/// Line and column of a byte offset in a UTF-8 JSON text: System.Text.Json's readers give byte offsets, a person
/// needs <c>file(line,column)</c>. Lines end at '\n'; the column counts characters (UTF-16 units, as editors do), from 1.
/// </summary>
internal sealed class JsonPositions
{
    private readonly byte[] _text;
    private readonly List<int> _lineStarts = [0];

    public JsonPositions(byte[] text)
    {
        _text = text;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == (byte)'\n')
                _lineStarts.Add(i + 1);
        }
    }

    /// <summary>1-based line and column of <paramref name="offset"/>, a byte offset into the whole text.</summary>
    public (int Line, int Column) Of(long offset)
    {
        var at = (int)Math.Clamp(offset, 0, _text.Length);
        var line = _lineStarts.BinarySearch(at);
        if (line < 0)
            line = ~line - 1;
        var start = _lineStarts[line];
        return (line + 1, Encoding.UTF8.GetCharCount(_text, start, at - start) + 1);
    }

    /// <summary>The offset of a 0-based line and byte position in it, as <see cref="System.Text.Json.JsonException"/> reports them.</summary>
    public long OffsetOf(long line, long bytePositionInLine) =>
        line < _lineStarts.Count ? _lineStarts[(int)line] + bytePositionInLine : _text.Length;
}
