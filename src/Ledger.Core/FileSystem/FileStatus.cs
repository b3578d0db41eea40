using System.Runtime.InteropServices;
using System.Text;

namespace Ledger.Core.FileSystem;

/// <summary>What kind of file system object a path names.</summary>
public enum FileKind
{
    Missing,
    RegularFile,
    Directory,
    SymbolicLink,
    /// <summary>A named pipe: opening it to read waits for a writer, perhaps forever.</summary>
    Fifo,
    Socket,
    /// <summary>A character or block device (/dev/zero never ends, a terminal waits for input).</summary>
    Device,
}

/// <summary>The device and inode of a file: equal for every path (links, "..", relative spellings) that reaches it.</summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode);

/// <summary>
/// What the file system says about a path without opening it: its kind, identity and number of hard links, and its
/// length and last write time as <see cref="FileInfo"/> gives them. .NET has no API for the first three
/// (FileSystemInfo reports a FIFO as a plain file, and opening one to look blocks until a writer comes), so on Linux
/// they come from statx(2), whose record has the same layout on every architecture; the length and time come from the
/// same call, so that a rerun looks at each of its 10,000 logs once. Elsewhere the kind comes from .NET's attributes
/// (directory, link, else a file), the identity from the path with its links resolved, and the link count is 1.
/// </summary>
/// <param name="Length">In bytes, as <see cref="FileInfo.Length"/>; 0 for what is not a regular file.</param>
/// <param name="LastWriteTicksUtc">The ticks of <see cref="FileSystemInfo.LastWriteTimeUtc"/>; 0 for what is missing.</param>
public readonly record struct FileStatus(FileKind Kind, FileIdentity Identity, uint LinkCount, long Length = 0, long LastWriteTicksUtc = 0)
{
    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7FF;
    private const int TypeMask = 0xF000;
    private const int Regular = 0x8000;
    private const int DirectoryType = 0x4000;
    private const int Link = 0xA000;
    private const int Pipe = 0x1000;
    private const int SocketType = 0xC000;
    private const int NoSuchFile = 2;
    private const int NotADirectory = 20;
    private const uint NanosecondsPerTick = 100;

    private static bool _statxMissing = !OperatingSystem.IsLinux();

    /// <summary>The object <paramref name="path"/> names; through symbolic links unless <paramref name="followLinks"/> is false.</summary>
    /// <exception cref="IOException">The file system refused to say (no permission on a folder of the path, a loop of links).</exception>
    public static FileStatus Of(string path, bool followLinks = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!_statxMissing)
        {
            try
            {
                return Statx(path, followLinks);
            }
            catch (EntryPointNotFoundException)
            {
                // A C library without statx (glibc before 2.28): the portable answer below.
                _statxMissing = true;
            }
        }
        return Portable(path, followLinks);
    }

    private static FileStatus Statx(string path, bool followLinks)
    {
        var name = Encoding.UTF8.GetBytes(path + "\0");
        if (statx(AtCurrentDirectory, name, followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, out var status) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is NoSuchFile or NotADirectory)
                return new(FileKind.Missing, default, 0);
            throw new IOException($"cannot look at '{path}': {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        var kind = (status.Mode & TypeMask) switch
        {
            Regular => FileKind.RegularFile,
            DirectoryType => FileKind.Directory,
            Link => FileKind.SymbolicLink,
            Pipe => FileKind.Fifo,
            SocketType => FileKind.Socket,
            _ => FileKind.Device,
        };
        var device = ((ulong)status.DeviceMajor << 32) | status.DeviceMinor;
        // As .NET computes FileInfo.LastWriteTimeUtc from the same seconds and nanoseconds.
        var lastWrite = DateTimeOffset.FromUnixTimeSeconds(status.ModifiedSeconds).AddTicks(status.ModifiedNanoseconds / NanosecondsPerTick).UtcTicks;
        return new(kind, new FileIdentity(device, status.Inode), status.LinkCount, kind == FileKind.RegularFile ? (long)status.Size : 0, lastWrite);
    }

    private static FileStatus Portable(string path, bool followLinks)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!info.Exists && info.LinkTarget is null)
            return new(FileKind.Missing, default, 0);
        if (info.LinkTarget is not null && !followLinks)
            return new(FileKind.SymbolicLink, PathIdentity(info.FullName), 1);
        var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true);
        if (target is null || !target.Exists)
            return new(FileKind.Missing, default, 0);
        return target is FileInfo file
            ? new(FileKind.RegularFile, PathIdentity(file.FullName), 1, file.Length, file.LastWriteTimeUtc.Ticks)
            : new(FileKind.Directory, PathIdentity(target.FullName), 1, 0, target.LastWriteTimeUtc.Ticks);
    }

    /// <summary>Without inodes, a path stands for the file: hashed to the shape of an identity.</summary>
    private static FileIdentity PathIdentity(string fullPath)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Path.TrimEndingDirectorySeparator(fullPath)));
        return new(BitConverter.ToUInt64(hash, 0), BitConverter.ToUInt64(hash, 8));
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int directory, byte[] path, int flags, uint mask, out StatxRecord status);

    /// <summary>struct statx of linux/stat.h: the fields read here, at their fixed offsets in its 256 bytes.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxRecord
    {
        [FieldOffset(16)] public uint LinkCount;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(112)] public long ModifiedSeconds;
        [FieldOffset(120)] public uint ModifiedNanoseconds;
        [FieldOffset(136)] public uint DeviceMajor;
        [FieldOffset(140)] public uint DeviceMinor;
    }
}
