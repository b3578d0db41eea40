using System.Buffers;
using System.Text;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// Writes a report file as UTF-8 (no BOM) through one pooled buffer, and copies markup that is already UTF-8 as
/// is. A snapshot page is mostly recipe sections shared with other pages: each is encoded once
/// (<see cref="TrustedHtml.Utf8"/>) instead of copied and transcoded again for every page that shows it, and a
/// StreamWriter's own buffers (over 300 KB each, for 1,000 and more files) are not allocated per file. A recipe
/// section is rendered through one too, into memory (<see cref="ReportTemplates.RenderUtf8"/>), so its bytes are those a
/// page would have written.
/// </summary>
internal sealed class Utf8FileWriter : TextWriter
{
    private const int BufferSize = 64 * 1024;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly Stream _file;
    private readonly Encoder _encoder = Utf8.GetEncoder();
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _used;

    /// <summary>The encoder may hold the first half of a surrogate pair, which the next text must go through it to complete.</summary>
    private bool _encoderMayHold;

    public Utf8FileWriter(Stream file) : base(System.Globalization.CultureInfo.InvariantCulture) => _file = file;

    public override Encoding Encoding => Utf8;

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> chars) => Encode(chars, flush: false);

    /// <summary>Copies bytes that are already this file's encoding; any text written before them goes first.</summary>
    public void WriteUtf8(ReadOnlySpan<byte> bytes)
    {
        // A high surrogate left waiting for its pair becomes U+FFFD here, as the next character would make it.
        Encode([], flush: true);
        var buffer = Buffer();
        if (bytes.Length <= buffer.Length - _used)
        {
            bytes.CopyTo(buffer.AsSpan(_used));
            _used += bytes.Length;
            return;
        }
        FlushBuffer();
        _file.Write(bytes);
    }

    public override void Flush()
    {
        Encode([], flush: true);
        FlushBuffer();
        _file.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer is not null)
        {
            Encode([], flush: true);
            FlushBuffer();
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
        base.Dispose(disposing);
    }

    /// <param name="flush">Also write out a surrogate left waiting for its pair (as U+FFFD), as at the end of the file.</param>
    private void Encode(ReadOnlySpan<char> chars, bool flush)
    {
        var buffer = Buffer();
        // Most writes are a few characters of a template or a cell, whole in themselves: encoded at once, without the
        // encoder's bookkeeping (an eighth of writing a report's pages), into the same bytes. A character takes at most 3.
        if (!_encoderMayHold && (chars.IsEmpty || !char.IsHighSurrogate(chars[^1])) && chars.Length <= (buffer.Length - _used) / 3)
        {
            _used += Utf8.GetBytes(chars, buffer.AsSpan(_used));
            return;
        }
        _encoderMayHold = !flush && (chars.IsEmpty ? _encoderMayHold : char.IsHighSurrogate(chars[^1]));
        while (true)
        {
            // Convert refuses to start without room for the longest character, four bytes.
            if (buffer.Length - _used < 4)
                FlushBuffer();
            // Not flushed between writes: a surrogate pair split across two of them is encoded whole.
            _encoder.Convert(chars, buffer.AsSpan(_used), flush, out var charsUsed, out var bytesUsed, out var completed);
            _used += bytesUsed;
            chars = chars[charsUsed..];
            if (completed)
                return;
            FlushBuffer();
        }
    }

    private byte[] Buffer() => _buffer ?? throw new ObjectDisposedException(nameof(Utf8FileWriter));

    private void FlushBuffer()
    {
        _file.Write(Buffer(), 0, _used);
        _used = 0;
    }
}
