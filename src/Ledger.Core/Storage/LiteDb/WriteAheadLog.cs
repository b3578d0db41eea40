using System.Buffers.Binary;

namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// What a LiteDB 5 write-ahead log (<see cref="LedgerFiles.Log"/>) holds, read from its page headers alone, the way
/// LiteDB replays it (WalIndexService.RestoreIndex): the pages of every confirmed transaction, and the page count the
/// newest confirmed header page gives the file. Lets the ledger decide, before LiteDB touches anything, whether pages
/// missing from the data file are there in the log (a checkpoint cut short) or lost (a truncated file).
/// </summary>
internal sealed class WriteAheadLog
{
    public const int PageSize = 8192;
    private const int PageIdOffset = 0;
    private const int PageTypeOffset = 4;
    private const int TransactionIdOffset = 14;
    private const int IsConfirmedOffset = 18;
    private const int LastPageIdOffset = 64;
    private const byte HeaderPageType = 1;

    public static readonly WriteAheadLog None = new([], null, 0);

    private WriteAheadLog(HashSet<uint> confirmedPages, uint? lastPageId, long wholeLength)
    {
        ConfirmedPages = confirmedPages;
        LastPageId = lastPageId;
        WholeLength = wholeLength;
    }

    /// <summary>Ids of the pages written by confirmed transactions: those LiteDB replays into the data file.</summary>
    public IReadOnlySet<uint> ConfirmedPages { get; }

    /// <summary>The last page id of the newest confirmed header page, when a confirmed transaction changed the header.</summary>
    public uint? LastPageId { get; }

    /// <summary>The log's length in whole pages: a page cut short by a crash belongs to no confirmed transaction.</summary>
    public long WholeLength { get; }

    /// <summary>Whether <paramref name="page"/> is the page that confirms its transaction: the one LiteDB writes last, and replays by.</summary>
    public static bool IsConfirming(ReadOnlySpan<byte> page) => page.Length == PageSize && page[IsConfirmedOffset] != 0;

    /// <summary>Reads the log at <paramref name="path"/>; <see cref="None"/> when there is none.</summary>
    /// <exception cref="IOException">The log cannot be read.</exception>
    public static WriteAheadLog Read(string path)
    {
        if (!File.Exists(path))
            return None;
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var wholeLength = RandomAccess.GetLength(handle) / PageSize * PageSize;
        var pending = new Dictionary<uint, List<uint>>();
        var confirmed = new HashSet<uint>();
        uint? lastPageId = null;
        var page = new byte[PageSize];
        for (long position = 0; position < wholeLength; position += PageSize)
        {
            RandomAccess.Read(handle, page, position);
            var header = page.AsSpan();
            if (BinaryPrimitives.ReadUInt64LittleEndian(header) == 0 && BinaryPrimitives.ReadUInt64LittleEndian(header[8..]) == 0)
                continue;
            var pageId = BinaryPrimitives.ReadUInt32LittleEndian(header[PageIdOffset..]);
            var transaction = BinaryPrimitives.ReadUInt32LittleEndian(header[TransactionIdOffset..]);
            if (!pending.TryGetValue(transaction, out var pages))
                pending[transaction] = pages = [];
            pages.Add(pageId);
            if (header[IsConfirmedOffset] == 0)
                continue;
            confirmed.UnionWith(pages);
            if (header[PageTypeOffset] == HeaderPageType)
                lastPageId = BinaryPrimitives.ReadUInt32LittleEndian(header[LastPageIdOffset..]);
        }
        return new WriteAheadLog(confirmed, lastPageId, wholeLength);
    }
}
