using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// The few C library calls .NET does not offer as they are needed for a durable file: realpath(3), and fsync(2) of a file
/// and of a folder with its error reported. Measured here on .NET 10.0.12: <see cref="FileStream.Flush(bool)"/> and
/// <see cref="RandomAccess.FlushToDisk"/> return normally when fsync fails (strace shows <c>fsync(25) = -1 EIO</c>),
/// and .NET refuses to open a folder, so neither can tell whether data reached the disk. Linux and macOS only:
/// <see cref="DiskFlush"/> uses .NET's own flush on Windows (FlushFileBuffers; not measured here).
/// </summary>
internal static class Posix
{
    private const int ReadOnly = 0;

    /// <summary>The canonical absolute path of an existing file or folder, every symbolic link and <c>..</c> resolved; null with errno set when it fails.</summary>
    public static string? RealPath(string path)
    {
        var resolved = NativeRealPath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
            return null;
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    /// <summary>fsync(2) of an open file; returns 0, or the errno of the failure.</summary>
    public static int Sync(SafeFileHandle file) => NativeFsync(file) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>fsync(2) of a folder, so that files created, renamed or removed in it stay so after a crash; returns 0, or the errno of the failure.</summary>
    public static int SyncFolder(string folder)
    {
        var fd = NativeOpen(folder, ReadOnly);
        if (fd < 0)
            return Marshal.GetLastPInvokeError();
        var result = NativeFsyncFd(fd) == 0 ? 0 : Marshal.GetLastPInvokeError();
        _ = NativeClose(fd);
        return result;
    }

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr NativeRealPath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr pointer);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int NativeFsync(SafeFileHandle fd);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int NativeFsyncFd(int fd);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int NativeOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int NativeClose(int fd);
}
