using System.Security.Cryptography;
using System.Text;
using Ledger.Core.Diagnostics;
using Ledger.Core.FileSystem;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// A machine-wide lock per report folder, held while a render's staging folder is made and while a render is swapped
/// in: the steps that read and change the folder and its hidden siblings. Renders themselves run side by side. The
/// lock is named after the parent folder's identity (device and inode) and the folder's name, so every spelling of
/// the path (links, "..", relative) takes the same lock; a process killed holding it releases it.
/// </summary>
internal static class PublishLock
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <exception cref="LedgerInputException">LEDGER132: another process held the lock for longer than the timeout.</exception>
    public static Held Acquire(string root)
    {
        var parent = FileStatus.Of(Path.GetDirectoryName(root)!).Identity;
        var key = $"{parent.Device}:{parent.Inode}/{Path.GetFileName(root)}";
        var mutex = new Mutex(initiallyOwned: false, @"Global\ledger-report-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..40]);
        try
        {
            if (!mutex.WaitOne(Timeout))
            {
                mutex.Dispose();
                throw new LedgerInputException(ErrorCodes.ReportFolderBusy, SourceLocation.WholeFile(root),
                    $"a report folder another process kept busy for over {Timeout.TotalSeconds:0} s", "a report folder no other render is swapping in: run it again");
            }
        }
        catch (AbandonedMutexException)
        {
            // Its owner died publishing; we hold it now, and the leftovers are cleaned up under it.
        }
        return new Held(mutex);
    }

    /// <summary>Releases the lock when disposed, on the thread that took it.</summary>
    public sealed class Held(Mutex mutex) : IDisposable
    {
        public void Dispose()
        {
            mutex.ReleaseMutex();
            mutex.Dispose();
        }
    }
}
