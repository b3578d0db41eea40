namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// Takes a failed write call back out of the ledger's files, as long as the data file has not been touched: the log cut
/// back to its length before the call (or removed, when the call created it), and a ledger the call created removed again
/// (an empty file it was given is left empty). A confirmed transaction cut off the log is never replayed.
/// </summary>
internal sealed class WriteUndo(LedgerFiles files, LedgerFileState before)
{
    private readonly long _logLength = File.Exists(files.Log) ? new FileInfo(files.Log).Length : -1;

    /// <summary>Returns whether the files are as they were before the call.</summary>
    public bool TryRun()
    {
        try
        {
            if (_logLength < 0)
                File.Delete(files.Log);
            else
                Truncate(files.Log, _logLength);
            if (before.Kind == LedgerFileKind.Missing)
                File.Delete(files.Data);
            else if (before.Kind == LedgerFileKind.Empty)
                Truncate(files.Data, 0);
            return DiskFlush.Folder(files) is null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void Truncate(string path, long length)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        RandomAccess.SetLength(handle, length);
        if (DiskFlush.File(handle, path) is { } fault)
            throw new IOException(fault.Detail);
    }
}
