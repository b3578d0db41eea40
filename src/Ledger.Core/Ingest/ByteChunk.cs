namespace Ledger.Core.Ingest;

/// <summary>The fixed-size chunk of a file the text readers decode from, refilled as they consume it.</summary>
internal static class ByteChunk
{
    public const int Bytes = 64 * 1024;

    /// <summary>
    /// Moves the bytes not yet consumed (<paramref name="start"/> to <paramref name="end"/>) to the chunk's start and reads
    /// until the chunk is full; false once the stream has ended.
    /// </summary>
    public static bool Refill(Stream stream, byte[] chunk, ref int start, ref int end)
    {
        Buffer.BlockCopy(chunk, start, chunk, 0, end - start);
        end -= start;
        start = 0;
        while (end < Bytes)
        {
            var read = stream.Read(chunk, end, Bytes - end);
            if (read == 0)
                return false;
            end += read;
        }
        return true;
    }
}
