using Ledger.Core.Storage.LiteDb;

namespace Ledger.Tests.Infrastructure;

/// <summary>
/// Another process busy with a ledger, played by a thread of the test: it takes the ledger's lock (owned by a thread, and
/// machine-wide, so a thread of this process and a `ledger` process wait for it alike) and holds it until disposed.
/// </summary>
public sealed class HeldLedgerLock : IDisposable
{
    private readonly ManualResetEventSlim _release = new();
    private readonly Thread _holder;

    public HeldLedgerLock(string ledgerPath)
    {
        using var taken = new ManualResetEventSlim();
        var files = LedgerFiles.Resolve(ledgerPath);
        _holder = new Thread(() =>
        {
            var fileLock = new LedgerFileLock(files);
            using (fileLock.Acquire(TimeSpan.FromSeconds(10)))
            {
                taken.Set();
                _release.Wait();
            }
        });
        _holder.Start();
        if (!taken.Wait(TimeSpan.FromSeconds(20)))
            throw new TimeoutException($"the lock of {ledgerPath} was not taken");
    }

    public void Dispose()
    {
        _release.Set();
        _holder.Join();
        _release.Dispose();
    }
}
