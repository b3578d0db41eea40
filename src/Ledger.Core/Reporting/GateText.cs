using System.Text;
using Ledger.Core.Diagnostics;
using Ledger.Core.Gating;
using static Ledger.Core.Reporting.NumberFormat;

namespace Ledger.Core.Reporting;

/// <summary>The gate's readable output: one aligned row per recipe, the worst first, then the reasons of those that need a look.</summary>
public static class GateText
{
    public static string Write(GateReport report)
    {
        var text = new StringBuilder();
        text.AppendLine($"gate {DisplayText.Escape(report.Branch)}@{DisplayText.Escape(Abbreviate(report.Commit))} against {(report.Baseline is { } baseline ? DisplayText.Escape(baseline) : "no baseline (nothing to compare with yet)")}; " +
                        $"tolerance {Short(report.Options.Tolerance)} (a margin), false-alarm level {Percent(report.Options.Alpha)} per build (Holm)");
        var rows = new List<string[]> { new[] { "recipe", "verdict", "A", "baseline A", "change", "95 % interval" } };
        rows.AddRange(Ordered(report).Select(v => new[]
        {
            v.Recipe, v.Verdict.Name() + (v.RegimeChange ? " (regime change)" : ""),
            v.CurrentA is { } a ? Short(a) : "-", v.BaselineA is { } b ? Short(b) : "-",
            v.DeltaA is { } d ? Signed(d) : "-", v.DeltaInterval.IsKnown ? Interval(v.DeltaInterval) : "-",
        }));
        TextTable.Append(text, rows, leftAligned: c => c < 2, indent: "  ");
        foreach (var v in Ordered(report).Where(v => v.Verdict is not (VerdictKind.Pass or VerdictKind.New) || v.Underpowered))
        {
            text.AppendLine($"{DisplayText.Escape(v.Recipe)}: {v.Verdict.Name()}: {DisplayText.Escape(v.Reason)}");
        }
        text.AppendLine(Summary(report));
        return text.ToString();
    }

    public static string Summary(GateReport report)
    {
        var counts = Enum.GetValues<VerdictKind>().Where(k => report.Count(k) > 0).Select(k => $"{report.Count(k)} {k.Name()}");
        return $"{(report.Failed ? "FAILED" : "passed")}: {string.Join(", ", counts)}";
    }

    /// <summary>Regressions first, then what needs a look, then the rest; by recipe name within each.</summary>
    public static IEnumerable<RecipeVerdict> Ordered(GateReport report) =>
        report.Verdicts.OrderBy(v => VerdictNames.Rank(v.Verdict)).ThenBy(v => v.Recipe, StringComparer.Ordinal);

    public static string Abbreviate(string commit) => commit.Length > 12 ? commit[..7] : commit;

    private static string Signed(double value) => (value >= 0 ? "+" : "") + Short(value);
}
