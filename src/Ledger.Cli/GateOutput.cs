using Ledger.Core.Gating;
using Ledger.Core.Reporting;

namespace Ledger.Cli;

/// <summary>
/// Writes a gate report in the chosen format; for github also appends the Markdown to the job's step summary. Every
/// other format also puts each regression on stderr in the canonical <c>file : error LEDGER201: ...</c> form that
/// editors and build logs link to the run log (github's annotations already do that).
/// </summary>
internal static class GateOutput
{
    public const string StepSummaryVariable = "GITHUB_STEP_SUMMARY";

    /// <param name="junitFile">Where to write the JUnit report too (--junit), or null.</param>
    public static void Write(GateReport report, string format, TextWriter output, TextWriter error, string? junitFile)
    {
        output.Write(format switch
        {
            "json" => GateJson.Write(report),
            "markdown" => GateMarkdown.Write(report),
            "github" => GateAnnotations.Write(report),
            "junit" => GateJUnit.Write(report),
            _ => GateText.Write(report),
        });
        if (format != "github")
        {
            foreach (var regression in GateDiagnostic.Of(report).Where(d => d.Severity == DiagnosticSeverity.Error))
                error.WriteLine(regression.Canonical());
        }
        if (junitFile is not null)
            GateJUnit.WriteFile(report, junitFile);
        if (format == "github" && Environment.GetEnvironmentVariable(StepSummaryVariable) is { Length: > 0 } summary)
            File.AppendAllText(summary, GateMarkdown.Write(report));
    }
}
