using Microsoft.Win32.SafeHandles;

namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// One of a ledger's files as the stream LiteDB reads and writes (EngineSettings.DataStream and LogStream), in place of
/// the FileStreams LiteDB would open itself, so that the ledger, not LiteDB, decides what a failure means:
/// <list type="bullet">
/// <item>every failed write, flush or truncation is kept in <see cref="Fault"/>; the log's writes and flushes come from
/// LiteDB's writer thread, which loses exceptions and then hangs the thread waiting for it, so those never throw: the
/// failure is dropped there and reported by the ledger after the commit. After a fault the file takes no more writes and
/// refuses reads, so nothing is built on a log with a hole in it;</item>
/// <item><see cref="Flush"/> is fsync(2) with its error checked (LiteDB's FlushToDisk goes through .NET, which reports no
/// fsync error);</item>
/// <item>a read-only stream cannot write at all, and presents the data file padded to whole pages and the log cut to
/// whole pages, so LiteDB never "repairs" a file it only reads;</item>
/// <item><see cref="BeforeWrite"/> lets the ledger make the log durable before the first page of a checkpoint
/// overwrites the data file (the write-ahead rule, which LiteDB leaves to its writer thread's timing);</item>
/// <item>the log fsyncs the pages of a transaction before it writes the page that confirms it: LiteDB's log has no
/// checksums, and a disk may keep later writes and lose earlier ones in a power cut, which would confirm a transaction
/// whose pages are torn. With the barrier, a confirmed transaction is a whole one.</item>
/// </list>
/// LiteDB wraps each use in a ConcurrentStream that locks this object and positions it before each read or write.
/// The ledger owns the file: LiteDB's Dispose does nothing, <see cref="Release"/> closes it.
/// </summary>
internal sealed class LedgerFileStream : Stream
{
    private readonly string _path;
    private readonly string _displayName;
    private readonly bool _writable;
    /// <summary>A log being written: LiteDB's writer thread writes and flushes it, so its faults are kept, never thrown.</summary>
    private readonly bool _isLog;
    private readonly long _readLength;
    private SafeFileHandle? _handle;
    private long _position;
    private long _written;
    private long _synced;
    private FileFault? _fault;

    private LedgerFileStream(string path, string displayName, SafeFileHandle? handle, bool writable, bool isLog, long readLength)
    {
        _path = path;
        _displayName = displayName;
        _handle = handle;
        _writable = writable;
        _isLog = isLog;
        _readLength = readLength;
    }

    /// <summary>The first failure of a write, flush or truncation of this file, or null.</summary>
    public FileFault? Fault => Volatile.Read(ref _fault);

    /// <summary>Whether this stream created the file (a new ledger, or a log that did not exist).</summary>
    public bool Created { get; private set; }

    /// <summary>Runs before every write; throwing stops the write.</summary>
    public Action? BeforeWrite { get; set; }

    /// <summary>A file to read only; <paramref name="pageLength"/> pads a data file that ends inside a page with zeros.</summary>
    /// <exception cref="IOException">It cannot be opened.</exception>
    public static LedgerFileStream OpenRead(string path, string displayName, long pageLength) =>
        new(path, displayName, File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete),
            writable: false, isLog: false, pageLength);

    /// <summary>A log to read only: cut to whole pages (a page a crash cut short belongs to no confirmed transaction), empty when there is none.</summary>
    public static LedgerFileStream OpenReadLog(string path, string displayName, long wholeLength) =>
        new(path, displayName, File.Exists(path) ? File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete) : null,
            writable: false, isLog: false, wholeLength);

    /// <summary>The data file to write, created when missing.</summary>
    /// <exception cref="IOException">It cannot be opened or created.</exception>
    public static LedgerFileStream OpenWrite(string path, string displayName)
    {
        var existed = File.Exists(path);
        var stream = new LedgerFileStream(path, displayName,
            File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete),
            writable: true, isLog: false, -1);
        stream.Created = !existed;
        return stream;
    }

    /// <summary>The log to write; created by its first write, so a call that writes nothing leaves no log behind.</summary>
    /// <exception cref="IOException">An existing log cannot be opened.</exception>
    public static LedgerFileStream OpenWriteLog(string path, string displayName) =>
        new(path, displayName, File.Exists(path) ? File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete) : null,
            writable: true, isLog: true, -1);

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => _writable;

    /// <summary>The file's length; for a read-only stream, the whole pages it presents.</summary>
    public override long Length => _handle is null ? 0 : _readLength >= 0 ? _readLength : RandomAccess.GetLength(_handle);

    public override long Position
    {
        get => _position;
        set => _position = value;
    }

    public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => Length + offset,
    };

    public override int Read(byte[] buffer, int offset, int count)
    {
        ThrowIfFaulted();
        if (_handle is null)
            return 0;
        var span = buffer.AsSpan(offset, count);
        int read;
        try
        {
            read = RandomAccess.Read(_handle, span, _position);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LedgerFileFaultException(FileFault.From("reading", _displayName, e));
        }
        // A read-only data file padded to whole pages reads zeros past its end, as the file will hold once padded.
        var padded = (int)Math.Clamp(_readLength - _position, read, count);
        span[read..padded].Clear();
        _position += padded;
        return padded;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (!_writable)
            throw new NotSupportedException($"{_displayName} is open for reading only");
        if (Fault is not null)
        {
            if (_isLog)
                return;
            ThrowIfFaulted();
        }
        BeforeWrite?.Invoke();
        if (_isLog && WriteAheadLog.IsConfirming(buffer.AsSpan(offset, count)))
        {
            Flush();
            if (Fault is not null)
                return;
        }
        var creating = _handle is null;
        try
        {
            _handle ??= CreateHandle();
            RandomAccess.Write(_handle, buffer.AsSpan(offset, count), _position);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (!Record(FileFault.From(creating ? "creating" : "writing", _displayName, e)))
                ThrowIfFaulted();
            return;
        }
        _position += count;
        Interlocked.Increment(ref _written);
    }

    /// <summary>fsync(2): the file's data on the disk. LiteDB calls it through its FlushToDisk.</summary>
    public override void Flush()
    {
        if (!_writable || _handle is null || Fault is not null && _isLog)
            return;
        ThrowIfFaulted();
        var upTo = Interlocked.Read(ref _written);
        if (upTo == Interlocked.Read(ref _synced))
            return;
        if (DiskFlush.File(_handle, _displayName) is { } fault)
        {
            if (!Record(fault))
                ThrowIfFaulted();
            return;
        }
        InterlockedMax(ref _synced, upTo);
    }

    public override void SetLength(long value)
    {
        if (!_writable)
            throw new NotSupportedException($"{_displayName} is open for reading only");
        ThrowIfFaulted();
        if (_handle is null && value == 0)
            return;
        try
        {
            _handle ??= CreateHandle();
            RandomAccess.SetLength(_handle, value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Record(FileFault.From("truncating", _displayName, e));
            ThrowIfFaulted();
        }
        // A truncation is a change the next flush must carry to the disk.
        Interlocked.Increment(ref _written);
    }

    /// <summary>Closes the file. LiteDB's Dispose does not: the ledger decides when its files are done with.</summary>
    public void Release()
    {
        _handle?.Dispose();
        _handle = null;
    }

    /// <summary>Whether the file exists and holds nothing, so it can be removed: a log after a checkpoint.</summary>
    public bool IsEmptyFile => _handle is not null && RandomAccess.GetLength(_handle) == 0;

    protected override void Dispose(bool disposing)
    {
        // LiteDB's ConcurrentStream disposes the stream it wraps; the ledger still needs it (see Release).
    }

    private SafeFileHandle CreateHandle()
    {
        var handle = File.OpenHandle(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        Created = true;
        return handle;
    }

    /// <summary>Keeps the first fault; returns true when the caller must swallow it (a log write on LiteDB's writer thread).</summary>
    private bool Record(FileFault fault)
    {
        Interlocked.CompareExchange(ref _fault, fault, null);
        return _isLog;
    }

    private void ThrowIfFaulted()
    {
        if (Fault is { } fault)
            throw new LedgerFileFaultException(fault);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (current < value)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
                return;
            current = seen;
        }
    }
}
