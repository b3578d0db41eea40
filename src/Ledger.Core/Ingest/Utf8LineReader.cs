using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>
/// Splits a file into lines while proving it is text: strict UTF-8 (a BOM is skipped), no NUL or other control
/// characters but tab, lines of at most <see cref="MaxLineBytes"/>. Reads in fixed chunks so that a binary file or
/// one enormous line is refused without being loaded whole. CRLF, LF and a lone CR (old Mac exports) all end a line.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    public const int MaxLineBytes = 1 << 20;
    private const int ChunkBytes = 64 * 1024;

    // Line ends, and every character a line may not hold (controls but tab): the run of text between two of them is
    // appended whole. A CR or LF anywhere else is still only ever a line end.
    private static readonly SearchValues<char> StopCharacters = SearchValues.Create(
        Enumerable.Range(0, ' ').Where(c => c != '\t').Select(c => (char)c).ToArray());

    private readonly string path;
    private readonly Stream stream;
    // Pooled: a reader per file, thousands of small files a call, would otherwise allocate 192 KB each.
    private readonly byte[] bytes = ArrayPool<byte>.Shared.Rent(ChunkBytes);
    private readonly char[] chars = ArrayPool<char>.Shared.Rent(ChunkBytes);
    private bool disposed;
    private int byteStart, byteEnd, charPos, charEnd;
    private bool endOfStream, invalidBytePending;
    private long byteOffset;
    private int lineNumber = 1;
    private readonly StringBuilder line = new();
    private int lineBytes;

    public Utf8LineReader(string path, Stream stream)
    {
        this.path = path;
        this.stream = stream;
    }

    /// <summary>
    /// The text after the lines taken, decoded as strictly as they were but not split into lines, for a parser of its
    /// own (Sep, through <see cref="CheckedUtf8TextReader"/>): the characters copied into <paramref name="buffer"/> (0 at
    /// the end), or false at bytes that are not UTF-8.
    /// </summary>
    public bool TryReadRest(Span<char> buffer, out int read)
    {
        read = 0;
        if (!HasChar())
            return !invalidBytePending;
        read = Math.Min(buffer.Length, charEnd - charPos);
        chars.AsSpan(charPos, read).CopyTo(buffer);
        charPos += read;
        return true;
    }

    public IEnumerable<TextLine> ReadLines()
    {
        SkipByteOrderMark();
        while (true)
        {
            TakeText();
            if (!TryTake(out var c))
                break;
            if (c is not ('\n' or '\r'))
                throw NotText($"{(c == '\0' ? "a NUL byte" : $"control character U+{(int)c:X4}")} at byte offset {byteOffset - 1}");
            var terminator = c == '\r' ? (NextIs('\n') && TryTake(out _) ? "\r\n" : "\r") : "\n";
            yield return new TextLine(lineNumber++, line.ToString(), terminator);
            line.Clear();
            lineBytes = 0;
        }
        if (line.Length > 0)
            yield return new TextLine(lineNumber, line.ToString(), "");
    }

    public void Dispose()
    {
        stream.Dispose();
        if (disposed)
            return;
        disposed = true;
        ArrayPool<byte>.Shared.Return(bytes);
        ArrayPool<char>.Shared.Return(chars);
    }

    /// <summary>
    /// Appends the decoded characters up to the next line end or control character (which <see cref="TryTake"/> then
    /// takes) to the line at once, counting their UTF-8 bytes.
    /// </summary>
    private void TakeText()
    {
        while (HasChar())
        {
            var decoded = chars.AsSpan(charPos, charEnd - charPos);
            var stop = decoded.IndexOfAny(StopCharacters);
            var text = stop < 0 ? decoded : decoded[..stop];
            foreach (var c in text)
            {
                var length = Utf8Length(c);
                byteOffset += length;
                lineBytes += length;
                if (lineBytes > MaxLineBytes)
                    throw InputErrors.At(ErrorCodes.LineTooLong, path, lineNumber, 1,
                        $"a line longer than {MaxLineBytes:N0} bytes", "lines of at most 1 MiB (is this really a run log?)");
            }
            line.Append(text);
            charPos += text.Length;
            if (stop >= 0)
                return;
        }
    }

    private void SkipByteOrderMark()
    {
        FillBytes();
        var head = bytes.AsSpan(byteStart, byteEnd - byteStart);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            byteStart += 3;
            byteOffset = 3;
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            throw InputErrors.At(ErrorCodes.NotText, path, 1, 1, "a UTF-16 byte-order mark", "UTF-8 text (save the file as UTF-8)");
        }
    }

    private bool TryTake(out char c)
    {
        if (!HasChar())
        {
            if (invalidBytePending)
                throw NotText($"byte 0x{bytes[byteStart]:X2} at byte offset {byteOffset}, which is not valid UTF-8");
            c = default;
            return false;
        }
        c = chars[charPos++];
        byteOffset += Utf8Length(c);
        return true;
    }

    /// <summary>Looks ahead without failing, so that an invalid byte right after a CR is reported on its own line.</summary>
    private bool NextIs(char expected) => HasChar() && chars[charPos] == expected;

    private bool HasChar()
    {
        while (charPos == charEnd)
        {
            if (invalidBytePending || (endOfStream && byteStart == byteEnd))
                return false;
            Decode();
        }
        return true;
    }

    private void Decode()
    {
        if (!endOfStream)
            FillBytes();
        var status = Utf8.ToUtf16(bytes.AsSpan(byteStart, byteEnd - byteStart), chars.AsSpan(0, ChunkBytes), out var read, out var written,
            replaceInvalidSequences: false, isFinalBlock: endOfStream);
        byteStart += read;
        charPos = 0;
        charEnd = written;
        invalidBytePending = status == OperationStatus.InvalidData;
    }

    private void FillBytes()
    {
        Buffer.BlockCopy(bytes, byteStart, bytes, 0, byteEnd - byteStart);
        byteEnd -= byteStart;
        byteStart = 0;
        while (byteEnd < ChunkBytes)
        {
            var read = stream.Read(bytes, byteEnd, ChunkBytes - byteEnd);
            if (read == 0)
            {
                endOfStream = true;
                return;
            }
            byteEnd += read;
        }
    }

    private LedgerInputException NotText(string found) =>
        InputErrors.At(ErrorCodes.NotText, path, lineNumber, line.Length + 1, found, "UTF-8 text (is this a binary file?)");

    private static int Utf8Length(char c) => c switch
    {
        < '\u0080' => 1,
        < '\u0800' => 2,
        _ when char.IsSurrogate(c) => 2,
        _ => 3,
    };
}
