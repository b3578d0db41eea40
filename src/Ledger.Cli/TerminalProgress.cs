namespace Ledger.Cli;

/// <summary>
/// "fitted 120/1000 recipes" on one rewritten stderr line, only when stderr is a terminal: CI logs and redirected
/// output get nothing, so they stay clean and byte-for-byte comparable.
/// </summary>
internal sealed class TerminalProgress(TextWriter error, string verb, string noun) : IProgress<(int Done, int Total)>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private readonly Lock _gate = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private TimeSpan _lastShown = -Interval;

    public static IProgress<(int Done, int Total)>? ForStderr(TextWriter error, string verb, string noun) =>
        Console.IsErrorRedirected || !ReferenceEquals(error is GuardedWriter guarded ? guarded.Inner : error, Console.Error)
            ? null
            : new TerminalProgress(error, verb, noun);

    public void Report((int Done, int Total) value)
    {
        lock (_gate)
        {
            if (_clock.Elapsed - _lastShown < Interval && value.Done < value.Total)
            {
                return;
            }
            _lastShown = _clock.Elapsed;
            error.Write($"\r{verb} {value.Done}/{value.Total} {noun}");
            if (value.Done == value.Total)
            {
                error.Write("\r" + new string(' ', verb.Length + noun.Length + 24) + "\r");
            }
        }
    }
}
