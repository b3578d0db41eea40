using Ledger.Core.Diagnostics;
using Ledger.Core.Reporting;

namespace Ledger.Core.Gating;

public enum DiagnosticSeverity
{
    Error,
    Warning,
}

/// <summary>One diagnostic of a gate, about the run log it points at: a regression error or a LEDGER3xx warning.</summary>
public sealed record GateDiagnostic(DiagnosticSeverity Severity, string Code, string File, string Message)
{
    /// <summary>
    /// The canonical <c>runs/x/seed1.csv : error LEDGER201: ...</c> form that editors and build logs link to the run log;
    /// one line whatever the file's and the recipe's names hold (<see cref="DisplayText"/>).
    /// </summary>
    public string Canonical() =>
        $"{DisplayText.Escape(File)} : {(Severity == DiagnosticSeverity.Error ? "error" : "warning")} {Code}: {DisplayText.Escape(Message)}";

    /// <summary>
    /// A gate's diagnostics in verdict order, worded once for every shell: the CLI's stderr lines and GitHub
    /// annotations and the MSBuild task's errors and warnings.
    /// </summary>
    public static IReadOnlyList<GateDiagnostic> Of(GateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var diagnostics = new List<GateDiagnostic>();
        foreach (var v in GateText.Ordered(report))
        {
            var file = report.SourceOf(v.Recipe);
            if (v.Verdict == VerdictKind.Regressed)
                diagnostics.Add(new(DiagnosticSeverity.Error, ErrorCodes.Regression, file, GateMessages.Regression(v, report.Baseline, report.Options.ToleranceFor(v.Recipe))));
            if (v.Verdict == VerdictKind.Unverified)
                diagnostics.Add(new(report.Options.Fails(v.Verdict) ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, ErrorCodes.Unverified, file,
                    GateMessages.Unverified(v)));
            if (v.Verdict == VerdictKind.Suspect)
                diagnostics.Add(new(DiagnosticSeverity.Warning, ErrorCodes.Suspect, file, GateMessages.Suspect(v)));
            if (v.Verdict == VerdictKind.ModelDependent)
                diagnostics.Add(new(DiagnosticSeverity.Warning, ErrorCodes.ModelDependent, file, GateMessages.ModelDependent(v)));
            if (v.Verdict == VerdictKind.Unidentified)
                diagnostics.Add(new(DiagnosticSeverity.Warning, ErrorCodes.UnidentifiedFit, file, GateMessages.Unidentified(v)));
            if (v.Underpowered && v.Verdict is VerdictKind.Pass or VerdictKind.Improved)
                diagnostics.Add(new(DiagnosticSeverity.Warning, ErrorCodes.Underpowered, file, GateMessages.Underpowered(v)));
            if (v.RegimeChange)
                diagnostics.Add(new(DiagnosticSeverity.Warning, ErrorCodes.RegimeChange, file, GateMessages.RegimeChange(v, report.Baseline)));
            if (v.AllowanceExpired)
                diagnostics.Add(new(DiagnosticSeverity.Warning, ErrorCodes.ExpiredAllowance, file, GateMessages.ExpiredAllowance(v)));
        }
        return diagnostics;
    }
}
