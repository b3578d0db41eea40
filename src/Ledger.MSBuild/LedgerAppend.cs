using Ledger.Core.Pipeline;
using Ledger.Core.Project;
using Ledger.Core.Reporting;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.MSBuild;

/// <summary>The LedgerAppend target's task: `ledger append` of the project's LedgerRunLog items.</summary>
public sealed class LedgerAppend : LedgerTask
{
    protected override void Run(ProjectConfiguration configuration)
    {
        var outcome = AppendUseCase.Run(configuration.AppendRequest(DateTimeOffset.UtcNow, Environment.GetEnvironmentVariable),
            () => LiteDbLedgerStore.Open(configuration.Database, configuration.LockTimeout),
            () => LiteDbLedgerStore.OpenIfExists(configuration.Database, configuration.LockTimeout));
        foreach (var warning in outcome.Warnings)
            Log.LogWarning(warning);
        Report(AppendText.Write(outcome));
    }
}
