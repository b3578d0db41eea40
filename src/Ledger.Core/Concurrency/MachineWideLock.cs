using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Ledger.Core.Concurrency;

/// <summary>
/// A lock of a name that every Ledger process on the machine takes alike: the tool, compiled ahead of time on Linux, and
/// the MSBuild tasks on the .NET runtime. Two layers: a mutex per name within the process (reentrant on one thread, and
/// owned by the thread that acquired it, so it must be released on that thread), and between processes a record lock on
/// a lock file (<see cref="LockFile"/>), taken by the first of a thread's nested acquisitions. On Linux a named mutex
/// would not do: Native AOT keeps named mutexes within its process, where the .NET runtime shares them between
/// processes. On Windows and macOS, where Ledger runs on the .NET runtime alone, the mutex is named and machine-wide, and
/// is the whole lock. A lock held by a killed process is released by the kernel (the record lock) or counts as acquired
/// (an abandoned mutex).
/// </summary>
internal sealed class MachineWideLock
{
    private static readonly ConcurrentDictionary<string, MachineWideLock> ByName = new(StringComparer.Ordinal);
    private readonly string _name;
    private readonly Mutex _threads;

    /// <summary>The lock file held between processes while this process holds the lock; touched only by the thread that owns the mutex.</summary>
    private FileStream? _between;

    /// <summary>How deeply the owning thread has acquired the lock.</summary>
    private int _depth;

    private MachineWideLock(string name)
    {
        _name = name;
        _threads = OperatingSystem.IsLinux() ? new Mutex() : new Mutex(initiallyOwned: false, @"Global\" + name);
    }

    /// <summary>The lock of this kind for this key, one per process for its life.</summary>
    /// <param name="kind">Letters and dashes, the name's readable start: "ledger" for a ledger file.</param>
    /// <param name="key">What the lock guards, such as a file's resolved path; any text.</param>
    public static MachineWideLock For(string kind, string key) => ByName.GetOrAdd(NameFor(kind, key), n => new MachineWideLock(n));

    /// <summary>The name of the lock (its lock file and mutex): the key hashed, since it may be long or hold characters a name may not.</summary>
    public static string NameFor(string kind, string key) =>
        kind + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..40];

    /// <param name="forWhat">The ledger or folder the lock guards, as the user named it, for an error about its lock file.</param>
    /// <returns>The hold; null when another thread or process held the lock for all of <paramref name="timeout"/>.</returns>
    /// <exception cref="Diagnostics.LedgerUnavailableException">The lock file cannot be made or opened.</exception>
    public Held? TryAcquire(TimeSpan timeout, string forWhat)
    {
        var waited = Stopwatch.StartNew();
        try
        {
            if (!_threads.WaitOne(timeout))
                return null;
        }
        catch (AbandonedMutexException)
        {
            // The previous owner died holding it; we own it now.
        }
        if (_depth == 0 && OperatingSystem.IsLinux())
        {
            try
            {
                _between = LockFile.Take(_name, forWhat, timeout - waited.Elapsed);
            }
            catch
            {
                _threads.ReleaseMutex();
                throw;
            }
            if (_between is null)
            {
                _threads.ReleaseMutex();
                return null;
            }
        }
        _depth++;
        return new Held(this);
    }

    /// <summary>Releases the lock when disposed, on the thread that took it.</summary>
    public sealed class Held(MachineWideLock owner) : IDisposable
    {
        public void Dispose()
        {
            if (--owner._depth == 0)
            {
                owner._between?.Dispose();
                owner._between = null;
            }
            owner._threads.ReleaseMutex();
        }
    }
}
