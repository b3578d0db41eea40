using Ledger.Core.Diagnostics;
using Ledger.Core.Pipeline;

namespace Ledger.Core.Reporting;

/// <summary>What `ledger report` and `ledger check --report` say when the pages are written: how many, and which to open.</summary>
public static class ReportText
{
    public static string Write(ReportOutcome outcome) =>
        $"report: {outcome.Files.Count} files ({outcome.Snapshots} snapshots, {outcome.Recipes} recipes) in {DisplayText.Escape(outcome.OutputDirectory)}\n" +
        $"open {DisplayText.Escape(Path.Combine(outcome.OutputDirectory, outcome.Files[0]))}\n";
}
