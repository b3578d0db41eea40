using Ledger.Core.Pipeline;

namespace Ledger.Core.Tests.Pipeline;

/// <summary>Work on two threads that never outlives its call: a store's hold on its file ends when the call does.</summary>
public sealed class SideBySideTests
{
    [Fact]
    public void Both_run_at_once_and_both_results_come_back()
    {
        var here = Environment.CurrentManagedThreadId;
        using var started = new ManualResetEventSlim();

        // The foreground waits for the background to start: they can only meet if the background runs elsewhere at the same time.
        var (foreground, background) = SideBySide.Run(() => started.Wait(TimeSpan.FromSeconds(30)) ? Environment.CurrentManagedThreadId : -1, () =>
        {
            started.Set();
            return Environment.CurrentManagedThreadId;
        });

        Assert.Equal(here, foreground);
        Assert.NotEqual(here, background);
    }

    [Fact]
    public void A_failing_foreground_is_thrown_only_once_the_background_has_ended_and_a_failing_background_after_it()
    {
        var ended = false;
        var failure = Assert.Throws<InvalidOperationException>(() => SideBySide.Run<int, int>(() => throw new InvalidOperationException("foreground"), () =>
        {
            Thread.Sleep(200);
            Volatile.Write(ref ended, true);
            throw new IOException("background");
        }));

        Assert.Equal("foreground", failure.Message);
        Assert.True(Volatile.Read(ref ended));
        Assert.Equal("background", Assert.Throws<IOException>(() => SideBySide.Run(() => 1, int () => throw new IOException("background"))).Message);
    }
}
