using Ledger.Core.Concurrency;

namespace Ledger.Core.Tests.Concurrency;

/// <summary>
/// The lock every Ledger process takes around a ledger or a report folder. Between processes it is tested with real
/// `ledger` processes (Ledger.Cli.Tests: ConcurrentAppendTests, LockTimeoutCommandTests, SymlinkedLedgerWritersTests);
/// here, what one process sees of it: threads, reentrancy, and the lock file other users' processes must open too.
/// </summary>
public sealed class MachineWideLockTests
{
    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public void A_thread_takes_it_again_inside_its_own_hold_and_another_thread_waits_until_the_last_release()
    {
        var machineLock = MachineWideLock.For("ledger-test", NewKey());
        var outer = machineLock.TryAcquire(TimeSpan.Zero, "here")!;
        var inner = machineLock.TryAcquire(TimeSpan.Zero, "here");
        Assert.NotNull(inner);

        Assert.Null(OnOtherThread(() => machineLock.TryAcquire(TimeSpan.FromMilliseconds(50), "there")));
        inner.Dispose();
        Assert.Null(OnOtherThread(() => machineLock.TryAcquire(TimeSpan.FromMilliseconds(50), "there")));
        outer.Dispose();

        Assert.True(OnOtherThread(() =>
        {
            using var held = machineLock.TryAcquire(TimeSpan.FromSeconds(5), "there");
            return held is not null;
        }));
    }

    [Fact]
    public void On_linux_its_lock_file_is_one_every_user_can_open_in_a_folder_every_user_can_write()
    {
        if (!OperatingSystem.IsLinux())
            return;
        var key = NewKey();
        using (MachineWideLock.For("ledger-test", key).TryAcquire(TimeSpan.Zero, "here"))
        {
            var file = Path.Combine(LockFile.Folder, MachineWideLock.NameFor("ledger-test", key));
            var everyoneReadsAndWrites = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite |
                                         UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
            Assert.Equal(everyoneReadsAndWrites, File.GetUnixFileMode(file));
            Assert.True(File.GetUnixFileMode(LockFile.Folder).HasFlag(UnixFileMode.OtherWrite | UnixFileMode.StickyBit),
                $"{LockFile.Folder} is {File.GetUnixFileMode(LockFile.Folder)}");
        }
    }

    private static T OnOtherThread<T>(Func<T> work)
    {
        var result = default(T);
        var thread = new Thread(() => result = work());
        thread.Start();
        thread.Join();
        return result!;
    }
}
