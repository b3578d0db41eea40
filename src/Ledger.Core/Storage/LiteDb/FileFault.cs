namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// A failed operation on one of a ledger's files (the data file, its log, or their folder), kept until the ledger can
/// report it: LiteDB writes its log on a thread of its own, where an exception is lost (DiskWriterQueue.ExecuteQueue
/// stores it and never wakes the thread that waits for the queue to drain, which hung `ledger check` on a full disk).
/// </summary>
/// <param name="Operation">What failed, in words: "writing", "flushing", "truncating", "creating", "reading".</param>
/// <param name="File">The file as the user knows it.</param>
/// <param name="Errno">The POSIX error number (ENOSPC 28, EIO 5, ...), 0 when unknown.</param>
internal sealed record FileFault(string Operation, string File, int Errno, string Detail)
{
    private const int ErrorPermission = 1;
    private const int ErrorIo = 5;
    private const int ErrorAccess = 13;
    private const int ErrorNoSpace = 28;
    private const int ErrorReadOnlyFileSystem = 30;
    private const int ErrorQuota = 122;

    public static FileFault From(string operation, string file, Exception error) => error switch
    {
        UnauthorizedAccessException => new FileFault(operation, file, ErrorAccess, error.Message),
        // On Linux and macOS, .NET's HResult for a failed system call is its errno; on Windows it is an HRESULT.
        IOException when OperatingSystem.IsWindows() => new FileFault(operation, file, WindowsErrno(error.HResult), error.Message),
        IOException => new FileFault(operation, file, error.HResult, error.Message),
        _ => new FileFault(operation, file, 0, error.Message),
    };

    public static FileFault FromErrno(string operation, string file, int errno) =>
        new(operation, file, errno, System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno));

    /// <summary>What happened, in a person's words: "no space left on the device holding ledger.db (writing ledger-log.db)".</summary>
    public string What(string ledger) => Errno switch
    {
        ErrorNoSpace => $"no space left on the device holding {ledger} ({Operation} {File})",
        ErrorQuota => $"the disk quota is used up on the device holding {ledger} ({Operation} {File})",
        ErrorIo => $"the device holding {ledger} reported an I/O error (EIO) while {Operation} {File}",
        ErrorReadOnlyFileSystem => $"{ledger} is on a read-only file system ({Operation} {File})",
        ErrorAccess or ErrorPermission => $"permission was denied {Operation} {File}",
        _ => $"{Operation} {File} failed: {Detail}",
    };

    /// <summary>What to do about it.</summary>
    public string Remedy => Errno switch
    {
        ErrorNoSpace or ErrorQuota => "free space and run it again",
        ErrorIo => "check the disk (dmesg, SMART) and run it again",
        ErrorReadOnlyFileSystem or ErrorAccess or ErrorPermission => "make the ledger and its folder writable, or choose another file with --db or LEDGER_DB",
        _ => "run it again",
    };

    private static int WindowsErrno(int hresult) => (hresult & 0xFFFF) switch
    {
        39 or 112 => ErrorNoSpace,
        5 => ErrorAccess,
        _ => 0,
    };
}

/// <summary>Thrown by <see cref="LedgerFileStream"/> into LiteDB for a failed file operation. Deliberately not an <see cref="IOException"/>: LiteDB answers those by closing the engine and marking the file for a rebuild, a write of its own.</summary>
internal sealed class LedgerFileFaultException(FileFault fault) : Exception($"{fault.Operation} {fault.File} failed: {fault.Detail}")
{
    public FileFault Fault { get; } = fault;
}
