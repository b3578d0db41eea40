using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Ledger.MSBuild;

/// <summary>
/// Progress of a long fit in the build log: a line at each further tenth of the work, at normal verbosity, so a build
/// that fits a thousand recipes shows it is moving without flooding a minimal-verbosity log. Fits report from several
/// threads; MSBuild's logging is thread-safe, and the lock keeps the tenths in order.
/// </summary>
internal sealed class BuildLogProgress(TaskLoggingHelper log) : IProgress<(int Done, int Total)>
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
            log.LogMessage(MessageImportance.Normal, $"ledger: fitted {value.Done}/{value.Total} recipes");
        }
    }
}
