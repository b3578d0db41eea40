using System.Security.Cryptography;
using System.Text;
using Ledger.Core.Diagnostics;

namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// A machine-wide named mutex per ledger file, taken around every store call: the only lock between processes, since
/// each call opens the file, runs one transaction and closes it again. Waiting with a timeout turns a lock that another
/// process never releases into <see cref="ErrorCodes.LedgerLocked"/> instead of a hung build.
/// </summary>
/// <remarks>
/// Named after the file's identity (<see cref="LedgerFiles.Data"/>), never after the path as written: two spellings of
/// one file taking two locks let two writers in at once, which corrupted ledgers for good.
/// Reentrant on one thread (two stores on the same file in one thread do not deadlock) and owned by the thread
/// that acquired it, so a store call must release it on the thread it started on: the store is synchronous.
/// A mutex abandoned by a killed process counts as acquired; LiteDB's log replay makes the file consistent.
/// </remarks>
internal sealed class LedgerFileLock : IDisposable
{
    private readonly Mutex _mutex;
    private readonly string _displayPath;

    public LedgerFileLock(LedgerFiles files)
    {
        _mutex = new Mutex(initiallyOwned: false, NameFor(files.Data));
        _displayPath = files.Display;
    }

    /// <summary>The mutex name for a file: hashed, since paths may be longer or hold characters a name may not.</summary>
    public static string NameFor(string dataPath) =>
        @"Global\ledger-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dataPath)))[..40];

    /// <exception cref="LedgerUnavailableException">The lock stayed taken for longer than <paramref name="timeout"/>.</exception>
    public Held Acquire(TimeSpan timeout)
    {
        try
        {
            if (!_mutex.WaitOne(timeout))
                throw LedgerUnavailableException.Locked(_displayPath, timeout);
        }
        catch (AbandonedMutexException)
        {
            // The previous owner died holding it; we own it now.
        }
        return new Held(_mutex);
    }

    public void Dispose() => _mutex.Dispose();

    /// <summary>Releases the lock when disposed.</summary>
    public readonly struct Held(Mutex mutex) : IDisposable
    {
        public void Dispose() => mutex.ReleaseMutex();
    }
}
