using Microsoft.Win32.SafeHandles;

namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// fsync of a ledger file or of its folder, with the failure returned rather than lost: through <see cref="Posix"/> on
/// Linux and macOS (where .NET's own flush does not report one), through .NET's FlushFileBuffers on Windows (not
/// measured here; NTFS keeps a folder's entries in its own journal, so a folder is not flushed there).
/// </summary>
internal static class DiskFlush
{
    /// <summary>Null when the file's data is on the disk, else what failed.</summary>
    public static FileFault? File(SafeFileHandle handle, string displayName)
    {
        if (!OperatingSystem.IsWindows())
            return Posix.Sync(handle) is var errno and not 0 ? FileFault.FromErrno("flushing", displayName, errno) : null;
        try
        {
            RandomAccess.FlushToDisk(handle);
            return null;
        }
        catch (IOException e)
        {
            return FileFault.From("flushing", displayName, e);
        }
    }

    /// <summary>Null when the ledger's folder (which files it holds) is on the disk, else what failed.</summary>
    public static FileFault? Folder(LedgerFiles files)
    {
        if (OperatingSystem.IsWindows())
            return null;
        var errno = Posix.SyncFolder(files.Folder);
        return errno == 0 ? null : FileFault.FromErrno("flushing the folder of", Path.GetFileName(files.Display), errno);
    }
}
