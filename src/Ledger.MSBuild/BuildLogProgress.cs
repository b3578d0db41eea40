using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Ledger.MSBuild;

/// <summary>
/// Progress of a long step in the build log ("ledger: read 300/1000 logs", "ledger: fitted 120/1000 recipes"): a line
/// at each further tenth of the work, at normal verbosity, so a build that reads or fits a thousand shows it is moving
/// without flooding a minimal-verbosity log. Steps report from several threads; MSBuild's logging is thread-safe, and
/// the lock keeps the tenths in order.
/// </summary>
internal sealed class BuildLogProgress(TaskLoggingHelper log, string verb = "fitted", string noun = "recipes") : IProgress<(int Done, int Total)>
{
    private readonly Lock _gate = new();
    private int _tenthsShown;

    public void Report((int Done, int Total) value)
    {
        lock (_gate)
        {
            var tenths = value.Total == 0 ? 10 : value.Done * 10 / value.Total;
            if (tenths <= _tenthsShown)
                return;
            _tenthsShown = tenths;
            log.LogMessage(MessageImportance.Normal, $"ledger: {verb} {value.Done}/{value.Total} {noun}");
        }
    }
}
