using Ledger.Core.Concurrency;
using Ledger.Core.Diagnostics;
using Ledger.Core.FileSystem;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// A machine-wide lock per report folder, held while a render's staging folder is made and while a render is swapped
/// in: the steps that read and change the folder and its hidden siblings. Renders themselves run side by side. The
/// lock is named after the parent folder's identity (device and inode) and the folder's name, so every spelling of
/// the path (links, "..", relative) takes the same lock (<see cref="MachineWideLock"/>); a process killed holding it releases it.
/// </summary>
internal static class PublishLock
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <exception cref="LedgerInputException">LEDGER132: another process held the lock for longer than the timeout.</exception>
    /// <exception cref="LedgerUnavailableException">The lock's file cannot be made or opened.</exception>
    public static MachineWideLock.Held Acquire(string root)
    {
        var parent = FileStatus.Of(Path.GetDirectoryName(root)!).Identity;
        var key = $"{parent.Device}:{parent.Inode}/{Path.GetFileName(root)}";
        // A render whose owner died publishing leaves its leftovers, which are cleaned up under the lock.
        return MachineWideLock.For("ledger-report", key).TryAcquire(Timeout, root)
            ?? throw new LedgerInputException(ErrorCodes.ReportFolderBusy, SourceLocation.WholeFile(root),
                $"a report folder another process kept busy for over {Timeout.TotalSeconds:0} s", "a report folder no other render is swapping in: run it again");
    }
}
