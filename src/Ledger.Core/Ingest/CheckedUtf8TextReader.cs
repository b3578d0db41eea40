using System.Buffers;
using System.Text;

namespace Ledger.Core.Ingest;

/// <summary>
/// The text Sep reads after a CSV header: the rest of <see cref="Utf8LineReader"/>'s own decoding (strict UTF-8, the
/// file read once), held to what the line reader accepts. Sep itself takes any text, so this throws
/// <see cref="Refused"/> at the first thing the line reader refuses (invalid UTF-8, a control character but tab, a line
/// over <see cref="Utf8LineReader.MaxLineBytes"/>), and also at a quote left open that long, where Sep would hold the
/// rest of the file as one field. The tokenizer then rereads the file and reports the fault with its code, line and
/// column, exactly as before.
/// </summary>
internal sealed class CheckedUtf8TextReader(Utf8LineReader source) : TextReader
{
    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        Enumerable.Range(0, ' ').Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c).ToArray());

    private int lineBytes, quotedChars;
    private bool quoteOpen;

    /// <summary>Thrown through Sep to stop it: the file holds something only the line reader and tokenizer may judge.</summary>
    public sealed class Refused() : Exception("Sep's view of this CSV file could differ from the tokenizer's; it is read by the tokenizer.");

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (!source.TryReadRest(buffer, out var read))
            throw new Refused();
        var text = buffer[..read];
        if (text.ContainsAny(ControlCharacters))
            throw new Refused();
        CheckLineLengths(text);
        CheckOpenQuotes(text);
        return read;
    }

    /// <summary>
    /// Counts each line's UTF-8 bytes as the line reader does; a surrogate pair cut by two reads counts 6 bytes, not 4,
    /// which can only refuse a line a few bytes short of the limit, never pass a longer one.
    /// </summary>
    private void CheckLineLengths(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOfAny('\r', '\n'); i >= 0; i = text.IndexOfAny('\r', '\n'))
        {
            RequireAtMostALine(lineBytes + Encoding.UTF8.GetByteCount(text[..i]));
            lineBytes = 0;
            text = text[(i + 1)..];
        }
        lineBytes += Encoding.UTF8.GetByteCount(text);
        RequireAtMostALine(lineBytes);
    }

    private void CheckOpenQuotes(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOf('"'); i >= 0; i = text.IndexOf('"'))
        {
            if (quoteOpen)
                RequireAtMostALine(quotedChars + i);
            quoteOpen = !quoteOpen;
            quotedChars = 0;
            text = text[(i + 1)..];
        }
        if (quoteOpen)
        {
            quotedChars += text.Length;
            RequireAtMostALine(quotedChars);
        }
    }

    private static void RequireAtMostALine(int length)
    {
        if (length > Utf8LineReader.MaxLineBytes)
            throw new Refused();
    }
}
