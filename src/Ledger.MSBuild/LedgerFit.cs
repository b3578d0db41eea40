using Ledger.Core.Pipeline;
using Ledger.Core.Project;
using Ledger.Core.Reporting;
using Ledger.Core.Storage;

namespace Ledger.MSBuild;

/// <summary>The LedgerFit target's task: `ledger fit` of the build's snapshot.</summary>
public sealed class LedgerFit : LedgerTask
{
    protected override void Run(ProjectConfiguration configuration)
    {
        using var store = LedgerStores.Open(configuration.Database, LedgerAccess.Existing, configuration.LockTimeout);
        Report(FitText.Write(FitUseCase.Run(configuration.FitRequest(Environment.GetEnvironmentVariable), store, new BuildLogProgress(Log))));
    }
}
