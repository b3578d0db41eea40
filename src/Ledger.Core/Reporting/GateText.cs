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
        foreach (var line in ChangeLines(report))
            text.AppendLine(line);
        text.AppendLine(Summary(report));
        return text.ToString();
    }

    /// <summary>
    /// The changes of A the drift check found in the build's recipes, a heading and a line each; none without changes. The
    /// MSBuild task logs the same lines.
    /// </summary>
    public static IEnumerable<string> ChangeLines(GateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Changes.Count == 0)
            yield break;
        yield return $"changes of A since {DisplayText.Escape(report.DriftReference ?? "")} (ledger changes lists them; acknowledge an accepted one in ledger.allow.json):";
        foreach (var change in report.Changes)
            yield return "  " + DisplayText.Escape(GateMessages.Change(change, report.Options.ConfidenceLevel));
    }

    public static string Summary(GateReport report) => Summary(report.Failed, report.Verdicts.Select(v => v.Verdict));

    /// <summary>"FAILED: 1 regressed, 5 pass": the verdicts counted in their declared order.</summary>
    public static string Summary(bool failed, IEnumerable<VerdictKind> verdicts)
    {
        var counts = verdicts.CountBy(k => k).OrderBy(c => c.Key).Select(c => $"{c.Value} {c.Key.Name()}");
        return $"{(failed ? "FAILED" : "passed")}: {string.Join(", ", counts)}";
    }

    /// <summary>Regressions first, then what needs a look, then the rest; by recipe name within each.</summary>
    public static IEnumerable<RecipeVerdict> Ordered(GateReport report) => Ordered(report.Verdicts, v => v.Verdict, v => v.Recipe);

    /// <inheritdoc cref="Ordered(GateReport)"/>
    public static IEnumerable<T> Ordered<T>(IEnumerable<T> verdicts, Func<T, VerdictKind> verdict, Func<T, string> recipe) =>
        verdicts.OrderBy(v => VerdictNames.Rank(verdict(v))).ThenBy(recipe, StringComparer.Ordinal);

    public static string Abbreviate(string commit) => commit.Length > 12 ? commit[..7] : commit;

    private static string Signed(double value) => (value >= 0 ? "+" : "") + Short(value);
}
