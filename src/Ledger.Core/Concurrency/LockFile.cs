using System.Diagnostics;
using System.Runtime.Versioning;
using Ledger.Core.Diagnostics;

namespace Ledger.Core.Concurrency;

/// <summary>
/// <see cref="MachineWideLock"/>'s lock between processes on Linux: an exclusive record lock (fcntl, through
/// <see cref="FileStream.Lock"/>) on the first byte of a file of the lock's name in /tmp/.ledger-locks, a folder every
/// user may write, as /tmp itself. The kernel releases it when its process ends, however it ends, and it touches none of
/// the files it guards.
/// Lock files are small and left in place: removing one while another process waits on it would let a third take a
/// new file of the same name at the same time.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class LockFile
{
    public const string Folder = "/tmp/.ledger-locks";

    /// <summary>How long a waiting call sleeps at most between two tries: a record lock cannot be waited on with a timeout.</summary>
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(20);

    /// <returns>The open lock file, locked; null when another process held it for all of <paramref name="timeout"/>.</returns>
    /// <exception cref="LedgerUnavailableException">The lock file cannot be made or opened.</exception>
    public static FileStream? Take(string name, string forWhat, TimeSpan timeout)
    {
        var file = Open(Path.Combine(Folder, name), forWhat);
        var waited = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(1);
        while (true)
        {
            try
            {
                file.Lock(0, 1);
                return file;
            }
            catch (IOException) when (waited.Elapsed < timeout)
            {
                Thread.Sleep(pause);
                pause = TimeSpan.FromTicks(Math.Min(2 * pause.Ticks, LongestPause.Ticks));
            }
            catch (IOException)
            {
                file.Dispose();
                return null;
            }
        }
    }

    private static FileStream Open(string path, string forWhat)
    {
        try
        {
            if (!Directory.Exists(Folder))
            {
                Directory.CreateDirectory(Folder);
                ShareWithEveryone(Folder, UnixFileMode.StickyBit | Everyone);
            }
            var isNew = !File.Exists(path);
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            if (isNew)
                ShareWithEveryone(path, Everyone & ~(UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute));
            return file;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw LedgerUnavailableException.LockFileUnusable(forWhat, path, e);
        }
    }

    private const UnixFileMode Everyone = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                          UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
                                          UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Another user's Ledger must take the same lock; the creator's umask would keep them out. Only the owner may change the mode, so another user's race to make it first is let be.</summary>
    private static void ShareWithEveryone(string path, UnixFileMode mode)
    {
        try
        {
            File.SetUnixFileMode(path, mode);
        }
        catch (UnauthorizedAccessException)
        {
            // Made by another user a moment ago; that user's call shares it.
        }
    }
}
