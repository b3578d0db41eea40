using System.Buffers.Binary;
using System.Text;
using Ledger.Core.Diagnostics;

namespace Ledger.Core.Storage.LiteDb;

/// <summary>What is at a ledger path, as far as the bytes on disk tell before LiteDB opens anything.</summary>
internal enum LedgerFileKind
{
    /// <summary>No file.</summary>
    Missing,

    /// <summary>A file of zero bytes: what mktemp or touch leaves, or a ledger truncated to nothing.</summary>
    Empty,

    /// <summary>A LiteDB 5 file whose every page is in the file or in a confirmed transaction of its log.</summary>
    Ledger,
}

/// <param name="Length">The data file's length in bytes.</param>
/// <param name="Log">The write-ahead log beside it.</param>
internal sealed record LedgerFileState(LedgerFileKind Kind, long Length, WriteAheadLog Log)
{
    /// <summary>
    /// The length LiteDB must see: a data file that ends inside a page (a disk that filled while a checkpoint copied the
    /// log into it) is padded to the page's end, a page the log still holds whole and replays.
    /// </summary>
    public long PageLength => (Length + WriteAheadLog.PageSize - 1) / WriteAheadLog.PageSize * WriteAheadLog.PageSize;

    public bool EndsInsidePage => Length % WriteAheadLog.PageSize != 0;
}

/// <summary>
/// Looks at a ledger's files before LiteDB does, reading only. LiteDB re-initialises a file shorter than one page, cuts a
/// file that ends inside a page down to its last whole page, and fails in arbitrary ways on garbage, all while opening;
/// so a damaged, foreign or truncated file is recognised here, by LiteDB 5's header and page counts, and refused before
/// anything could write to it. A file that ends inside a page is accepted only when its log holds that page from a
/// confirmed transaction, so that replaying the log restores it.
/// </summary>
internal static class LedgerFileProbe
{
    private const int PageSize = WriteAheadLog.PageSize;
    private const int HeaderInfoOffset = 32;
    private const int FileVersionOffset = 59;
    private const int LastPageIdOffset = 64;
    private const byte FileVersion = 8;
    private static readonly byte[] HeaderInfo = Encoding.ASCII.GetBytes("** This is a LiteDB file **");

    /// <exception cref="LedgerUnavailableException">
    /// LEDGER401 the path is a folder, or a file that cannot be read; LEDGER402 the file is not a whole LiteDB 5 file.
    /// </exception>
    public static LedgerFileState Check(LedgerFiles files)
    {
        if (Directory.Exists(files.Data))
            throw LedgerUnavailableException.CannotOpen(files.Display, "the path is a folder, not a file");
        try
        {
            if (!File.Exists(files.Data))
                return new LedgerFileState(LedgerFileKind.Missing, 0, WriteAheadLog.None);
            using var data = File.OpenHandle(files.Data, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = RandomAccess.GetLength(data);
            var log = WriteAheadLog.Read(files.Log);
            if (length == 0)
            {
                return log.WholeLength == 0
                    ? new LedgerFileState(LedgerFileKind.Empty, 0, log)
                    : throw LedgerUnavailableException.Damaged(files.Display, $"it is empty, but its write-ahead log {files.DisplayLog} is not, so it was truncated");
            }
            if (length < PageSize)
                throw NotWhole(files, length);
            var header = new byte[PageSize];
            RandomAccess.Read(data, header, 0);
            if (!header.AsSpan(HeaderInfoOffset, HeaderInfo.Length).SequenceEqual(HeaderInfo) || header[FileVersionOffset] != FileVersion)
                throw LedgerUnavailableException.Damaged(files.Display, "it has no LiteDB 5 header");
            var state = new LedgerFileState(LedgerFileKind.Ledger, length, log);
            if (state.EndsInsidePage && !log.ConfirmedPages.Contains((uint)(length / PageSize)))
                throw NotWhole(files, length);
            RequireEveryPage(files, state, BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(LastPageIdOffset)));
            return state;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw LedgerUnavailableException.CannotOpen(files.Display, e.Message, e);
        }
    }

    /// <summary>Every page up to the last one the header counts is in the file, or in the log to be replayed into it.</summary>
    private static void RequireEveryPage(LedgerFiles files, LedgerFileState state, uint headerLastPageId)
    {
        long pages = state.Length / PageSize;
        long lastPageId = state.Log.LastPageId ?? headerLastPageId;
        var missing = lastPageId + 1 - pages;
        if (missing <= 0)
            return;
        if (missing > state.Log.ConfirmedPages.Count || !Enumerable.Range(0, (int)missing).All(i => state.Log.ConfirmedPages.Contains((uint)(pages + i))))
        {
            throw LedgerUnavailableException.Damaged(files.Display,
                $"it holds {pages} whole pages but its header counts {lastPageId + 1}, so it was truncated");
        }
    }

    private static LedgerUnavailableException NotWhole(LedgerFiles files, long length) =>
        LedgerUnavailableException.Damaged(files.Display,
            $"its length {length} is not a whole number of {PageSize}-byte pages and its write-ahead log does not hold the rest, so it was truncated or is not a LiteDB file");
}
