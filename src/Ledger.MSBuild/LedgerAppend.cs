using Ledger.Core.Pipeline;
using Ledger.Core.Project;
using Ledger.Core.Reporting;
using Ledger.Core.Storage;

namespace Ledger.MSBuild;

/// <summary>The LedgerAppend target's task: `ledger append` of the project's LedgerRunLog items.</summary>
public sealed class LedgerAppend : LedgerTask
{
    protected override void Run(ProjectConfiguration configuration)
    {
        var outcome = AppendUseCase.Run(configuration.AppendRequest(DateTimeOffset.UtcNow, Environment.GetEnvironmentVariable),
            () => LedgerStores.Open(configuration.Database, LedgerAccess.CreateOnWrite, configuration.LockTimeout),
            () => LedgerStores.OpenIfExists(configuration.Database, configuration.LockTimeout),
            (verb, noun) => new BuildLogProgress(Log, verb, noun));
        foreach (var warning in outcome.Warnings)
            Log.LogWarning(warning);
        Report(AppendText.Write(outcome));
    }
}
