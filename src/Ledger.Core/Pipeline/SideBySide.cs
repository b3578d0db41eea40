namespace Ledger.Core.Pipeline;

/// <summary>Two pieces of work at once: one on another thread, one on this.</summary>
internal static class SideBySide
{
    /// <summary>
    /// Runs <paramref name="background"/> on a pool thread while <paramref name="foreground"/> runs on this one, and
    /// returns both results. Never returns or throws before the background work has ended, so it cannot outlive what the
    /// caller holds (a store's hold on its file); a failure of the foreground's is the one thrown.
    /// </summary>
    public static (TForeground Foreground, TBackground Background) Run<TForeground, TBackground>(Func<TForeground> foreground, Func<TBackground> background)
    {
        var running = Task.Run(background);
        TForeground result;
        try
        {
            result = foreground();
        }
        catch
        {
            // WaitAny does not throw what the background work may have.
            Task.WaitAny(running);
            throw;
        }
        return (result, running.GetAwaiter().GetResult());
    }
}
