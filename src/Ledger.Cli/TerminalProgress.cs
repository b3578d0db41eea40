using System.Diagnostics;
using System.Globalization;
using Ledger.Core.Pipeline;

namespace Ledger.Cli;

/// <summary>
/// "read 120/1000 logs, 3 s left" on one rewritten stderr line, only when stderr is a terminal: CI logs and redirected
/// output get nothing, so they stay clean and byte-for-byte comparable. The time left is the pace so far carried to the
/// end, said once the step has run a second, when the pace means something.
/// </summary>
internal sealed class TerminalProgress(TextWriter error, string verb, string noun) : IProgress<(int Done, int Total)>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan PaceKnown = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastShown = -Interval;
    private int _width;

    public static IProgress<(int Done, int Total)>? ForStderr(TextWriter error, string verb, string noun) =>
        IsTerminal(error) ? new TerminalProgress(error, verb, noun) : null;

    /// <summary>Each step of a verb on its own line, as the step begins; nothing at all when stderr is not a terminal.</summary>
    public static StepProgress? Steps(TextWriter error) =>
        IsTerminal(error) ? (verb, noun) => new TerminalProgress(error, verb, noun) : null;

    public void Report((int Done, int Total) value)
    {
        lock (_gate)
        {
            var elapsed = _clock.Elapsed;
            if (elapsed - _lastShown < Interval && value.Done < value.Total)
            {
                return;
            }
            _lastShown = elapsed;
            var line = $"{verb} {value.Done}/{value.Total} {noun}{TimeLeft(value, elapsed)}";
            error.Write("\r" + line.PadRight(_width));
            _width = Math.Max(_width, line.Length);
            if (value.Done == value.Total)
            {
                error.Write("\r" + new string(' ', _width) + "\r");
            }
        }
    }

    private static string TimeLeft((int Done, int Total) value, TimeSpan elapsed)
    {
        if (elapsed < PaceKnown || value.Done == 0 || value.Done >= value.Total)
        {
            return "";
        }
        var left = elapsed.TotalSeconds / value.Done * (value.Total - value.Done);
        return string.Create(CultureInfo.InvariantCulture, $", {Math.Ceiling(left):0} s left");
    }

    private static bool IsTerminal(TextWriter error) =>
        !Console.IsErrorRedirected && ReferenceEquals(error is GuardedWriter guarded ? guarded.Inner : error, Console.Error);
}
