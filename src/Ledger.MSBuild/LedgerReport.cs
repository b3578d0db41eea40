using Ledger.Core.Pipeline;
using Ledger.Core.Project;
using Ledger.Core.Reporting;
using Ledger.Core.Storage;

namespace Ledger.MSBuild;

/// <summary>The LedgerReport target's task: `ledger report --out $(LedgerReportDirectory)`.</summary>
public sealed class LedgerReport : LedgerTask
{
    protected override void Run(ProjectConfiguration configuration)
    {
        using var store = LedgerStores.Open(configuration.Database, LedgerAccess.ReadOnly, configuration.LockTimeout);
        Report(ReportText.Write(ReportUseCase.Run(configuration.ReportRequest(), store, (verb, noun) => new BuildLogProgress(Log, verb, noun))));
    }
}
