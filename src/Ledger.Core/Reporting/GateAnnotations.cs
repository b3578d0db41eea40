using System.Text;
using Ledger.Core.Gating;

namespace Ledger.Core.Reporting;

/// <summary>
/// GitHub Actions workflow commands: an error annotation per regression and a warning per unidentified fit, regime
/// change, drift or expired allow-list entry, and a notice per change of A the drift check found, each on the run log it
/// is about. Values are escaped as the runner requires.
/// </summary>
public static class GateAnnotations
{
    public static string Write(GateReport report)
    {
        var lines = new StringBuilder();
        foreach (var d in GateDiagnostic.Of(report))
            lines.AppendLine(Command(d.Severity == DiagnosticSeverity.Error ? "error" : "warning", d.File, d.Code, d.Message));
        foreach (var change in report.Changes)
            lines.AppendLine($"::notice file={Property(report.SourceOf(change.Recipe))},title={Property("ledger changes")}::{Data(GateMessages.Change(change, report.Options.ConfidenceLevel))}");
        lines.AppendLine(GateText.Summary(report));
        return lines.ToString();
    }

    private static string Command(string kind, string file, string code, string message) =>
        $"::{kind} file={Property(file)},title={Property(code)}::{Data($"{code}: {message}")}";

    // https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts: escapeData and escapeProperty.
    private static string Data(string text) => text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    private static string Property(string text) => Data(text).Replace(":", "%3A").Replace(",", "%2C");
}
