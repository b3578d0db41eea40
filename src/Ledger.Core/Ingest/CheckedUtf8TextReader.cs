using System.Buffers;
using System.Text.Unicode;

namespace Ledger.Core.Ingest;

/// <summary>
/// The text Sep reads after a CSV header, held to what <see cref="Utf8LineReader"/> accepts. Sep itself takes any
/// bytes, so this throws <see cref="Refused"/> at the first thing the line reader refuses (invalid UTF-8, a control
/// character but tab, a line over <see cref="Utf8LineReader.MaxLineBytes"/>), and also at a quote left open that long,
/// where Sep would hold the rest of the file as one field. The tokenizer then rereads the file and reports the fault
/// with its code, line and column, exactly as before.
/// </summary>
internal sealed class CheckedUtf8TextReader(Stream stream) : TextReader
{
    private const int LongestUtf8Sequence = 4;

    private static readonly SearchValues<byte> ControlBytes = SearchValues.Create(
        Enumerable.Range(0, ' ').Where(b => b is not ('\t' or '\n' or '\r')).Select(b => (byte)b).ToArray());

    private readonly byte[] bytes = ArrayPool<byte>.Shared.Rent(ByteChunk.Bytes);
    private int start, end;
    private bool endOfStream, disposed;
    private int lineBytes, quotedBytes;
    private bool quoteOpen;
    private char? pendingLowSurrogate;

    /// <summary>Thrown through Sep to stop it: the file holds something only the line reader and tokenizer may judge.</summary>
    public sealed class Refused() : Exception("Sep's view of this CSV file could differ from the tokenizer's; it is read by the tokenizer.");

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty)
            return 0;
        if (pendingLowSurrogate is { } low)
        {
            buffer[0] = low;
            pendingLowSurrogate = null;
            return 1;
        }
        while (true)
        {
            if (!endOfStream && end - start < LongestUtf8Sequence)
                Fill();
            if (start == end)
                return 0;
            var status = Decode(buffer, out var written);
            if (written > 0)
                return written;
            if (status == OperationStatus.DestinationTooSmall)
                return SplitSurrogatePair(buffer);
            // Nothing decoded: invalid UTF-8 or a file that ends inside a sequence; only a sequence cut by the chunk's
            // end reads on.
            if (status != OperationStatus.NeedMoreData || endOfStream)
                throw new Refused();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposed)
        {
            disposed = true;
            ArrayPool<byte>.Shared.Return(bytes);
        }
        base.Dispose(disposing);
    }

    private OperationStatus Decode(Span<char> buffer, out int written)
    {
        var status = Utf8.ToUtf16(bytes.AsSpan(start, end - start), buffer, out var read, out written,
            replaceInvalidSequences: false, isFinalBlock: endOfStream);
        Check(bytes.AsSpan(start, read));
        start += read;
        return status;
    }

    /// <summary>Sep asked for one character where the next is a surrogate pair: it gets the high one now, the low one next.</summary>
    private int SplitSurrogatePair(Span<char> buffer)
    {
        Span<char> pair = stackalloc char[2];
        Decode(pair, out _);
        buffer[0] = pair[0];
        pendingLowSurrogate = pair[1];
        return 1;
    }

    private void Check(ReadOnlySpan<byte> text)
    {
        if (text.ContainsAny(ControlBytes))
            throw new Refused();
        CheckLineLengths(text);
        CheckOpenQuotes(text);
    }

    private void CheckLineLengths(ReadOnlySpan<byte> text)
    {
        for (var i = text.IndexOfAny((byte)'\r', (byte)'\n'); i >= 0; i = text.IndexOfAny((byte)'\r', (byte)'\n'))
        {
            RequireAtMostALine(lineBytes + i);
            lineBytes = 0;
            text = text[(i + 1)..];
        }
        lineBytes += text.Length;
        RequireAtMostALine(lineBytes);
    }

    private void CheckOpenQuotes(ReadOnlySpan<byte> text)
    {
        for (var i = text.IndexOf((byte)'"'); i >= 0; i = text.IndexOf((byte)'"'))
        {
            if (quoteOpen)
                RequireAtMostALine(quotedBytes + i);
            quoteOpen = !quoteOpen;
            quotedBytes = 0;
            text = text[(i + 1)..];
        }
        if (quoteOpen)
        {
            quotedBytes += text.Length;
            RequireAtMostALine(quotedBytes);
        }
    }

    private static void RequireAtMostALine(int length)
    {
        if (length > Utf8LineReader.MaxLineBytes)
            throw new Refused();
    }

    private void Fill() => endOfStream = !ByteChunk.Refill(stream, bytes, ref start, ref end);
}
