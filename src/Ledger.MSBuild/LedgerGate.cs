using Ledger.Core.Diagnostics;
using Ledger.Core.Gating;
using Ledger.Core.Pipeline;
using Ledger.Core.Project;
using Ledger.Core.Reporting;
using Ledger.Core.Storage;

namespace Ledger.MSBuild;

/// <summary>
/// The LedgerGate target's task: `ledger gate`. A regression is the canonical error LEDGER201 on the recipe's run log
/// (a warning when <see cref="RegressionsAsWarnings"/>); unidentified fits, regime changes, drift (an error with
/// LedgerFailOnDrift) and expired allow-list entries are LEDGER3xx warnings; the changes of A the drift check found are
/// logged as messages.
/// </summary>
public sealed class LedgerGate : LedgerTask
{
    /// <summary>For local builds: report regressions without failing the build.</summary>
    public bool RegressionsAsWarnings { get; set; }

    protected override void Run(ProjectConfiguration configuration)
    {
        var request = configuration.GateRequest(DateOnly.FromDateTime(DateTime.UtcNow), Environment.GetEnvironmentVariable);
        GateOutcome outcome;
        using (var store = LedgerStores.Open(configuration.Database, LedgerAccess.Existing, configuration.LockTimeout))
            outcome = GateUseCase.Run(request, store, new BuildLogProgress(Log));
        foreach (var d in GateDiagnostic.Of(outcome.Report))
        {
            // Run-log paths and recipe names are user text: one line each in the build log, whatever they hold.
            var (file, message) = (DisplayText.Escape(d.File), DisplayText.Escape(d.Message));
            if (d.Severity == DiagnosticSeverity.Error && !RegressionsAsWarnings)
                Log.LogError(null, d.Code, null, file, 0, 0, 0, 0, message);
            else
                Log.LogWarning(null, d.Code, null, file, 0, 0, 0, 0, message);
        }
        if (configuration.JUnitFile is { } junit)
        {
            // As with a build's other outputs, the folder is made for it (a CI's test-results/).
            Directory.CreateDirectory(Path.GetDirectoryName(junit)!);
            GateJUnit.WriteFile(outcome.Report, junit);
        }
        Report(string.Join("\n", GateText.ChangeLines(outcome.Report)));
        Report(GateText.Summary(outcome.Report));
    }
}
