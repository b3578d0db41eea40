using Ledger.Core.Concurrency;
using Ledger.Core.Diagnostics;

namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// A machine-wide lock per ledger file (<see cref="MachineWideLock"/>), taken around every store call: the only lock
/// between processes, since each call opens the file, runs one transaction and closes it again. Waiting with a timeout
/// turns a lock that another process never releases into <see cref="ErrorCodes.LedgerLocked"/> instead of a hung build.
/// </summary>
/// <remarks>
/// Named after the file's identity (<see cref="LedgerFiles.Data"/>), never after the path as written: two spellings of
/// one file taking two locks let two writers in at once, which corrupted ledgers for good. Reentrant on one thread (two
/// stores on the same file in one thread do not deadlock) and owned by the thread that acquired it, so a store call must
/// release it on the thread it started on: the store is synchronous. After a process killed holding it, LiteDB's log
/// replay makes the file consistent.
/// </remarks>
internal sealed class LedgerFileLock(LedgerFiles files)
{
    private readonly MachineWideLock _lock = MachineWideLock.For("ledger", files.Data);

    /// <exception cref="LedgerUnavailableException">The lock stayed taken for longer than <paramref name="timeout"/>, or its lock file cannot be opened.</exception>
    public MachineWideLock.Held Acquire(TimeSpan timeout) =>
        _lock.TryAcquire(timeout, files.Display) ?? throw LedgerUnavailableException.Locked(files.Display, timeout);
}
