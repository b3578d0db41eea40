using System.Runtime.InteropServices;
using System.Text;

namespace Ledger.Core.FileSystem;

/// <summary>
/// The two Linux system calls that let a folder be replaced without a moment in which it is missing or mixed:
/// renameat2(RENAME_EXCHANGE) swaps two paths in one step, and link(2) gives a file a second name without copying it.
/// .NET exposes neither. Each answers false where the system or the file system cannot (another OS, an old kernel
/// or C library, a file system without the operation), and the caller takes a slower way.
/// </summary>
public static class AtomicRename
{
    private const int AtCurrentDirectory = -100;
    private const uint RenameExchange = 2;
    // The errors that mean "this system or file system cannot", as opposed to "these paths are wrong".
    private const int NotPermitted = 1;
    private const int InvalidArgument = 22;
    private const int NotImplemented = 38;
    private const int NotSupported = 95;

    private static bool _exchangeMissing = !OperatingSystem.IsLinux();
    private static bool _linkMissing = !OperatingSystem.IsLinux();

    /// <summary>Swaps the folders <paramref name="a"/> and <paramref name="b"/> (both must exist) in one step.</summary>
    /// <returns>False when exchanging is not possible here; nothing was changed then.</returns>
    /// <exception cref="IOException">The exchange failed for another reason (a mount point between them, no permission).</exception>
    public static bool TryExchange(string a, string b) =>
        TryCall(() => renameat2(AtCurrentDirectory, Bytes(a), AtCurrentDirectory, Bytes(b), RenameExchange), ref _exchangeMissing,
            [InvalidArgument, NotImplemented, NotSupported], $"cannot swap '{b}' with '{a}'");

    /// <summary>Gives the file (or link, pipe, ...) <paramref name="existing"/> the second name <paramref name="newName"/>.</summary>
    /// <returns>False when hard links are not possible here (another OS, a file system without them); nothing was made then.</returns>
    /// <exception cref="IOException">The link failed for another reason (the name exists, another device).</exception>
    public static bool TryHardLink(string existing, string newName) =>
        TryCall(() => link(Bytes(existing), Bytes(newName)), ref _linkMissing, [NotPermitted, NotImplemented, NotSupported],
            $"cannot link '{existing}' as '{newName}'");

    /// <param name="missing">Set once the C library turns out not to have the call, so it is not looked for again.</param>
    /// <param name="unsupported">The errors that mean "not possible here": the caller takes its slower way.</param>
    private static bool TryCall(Func<int> call, ref bool missing, int[] unsupported, string what)
    {
        if (missing)
            return false;
        try
        {
            if (call() == 0)
                return true;
        }
        catch (EntryPointNotFoundException)
        {
            missing = true;
            return false;
        }
        var errno = Marshal.GetLastPInvokeError();
        return unsupported.Contains(errno) ? false : throw new IOException($"{what}: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    private static byte[] Bytes(string path) => Encoding.UTF8.GetBytes(path + "\0");

    [DllImport("libc", SetLastError = true)]
    private static extern int renameat2(int oldDirectory, byte[] oldPath, int newDirectory, byte[] newPath, uint flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int link(byte[] oldPath, byte[] newPath);
}
