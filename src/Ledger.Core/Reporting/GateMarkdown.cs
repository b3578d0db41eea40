using System.Text;
using Ledger.Core.Gating;
using static Ledger.Core.Reporting.NumberFormat;

namespace Ledger.Core.Reporting;

/// <summary>
/// The gate as Markdown, for pull-request comments and CI step summaries. User-supplied text (recipe names,
/// reasons) is escaped so that it cannot break the table or inject markup.
/// </summary>
public static class GateMarkdown
{
    public static string Write(GateReport report)
    {
        var md = new StringBuilder();
        md.AppendLine($"### Ledger gate: {(report.Failed ? "❌ failed" : "✅ passed")}");
        md.AppendLine();
        md.AppendLine($"`{Escape(report.Branch)}@{Escape(GateText.Abbreviate(report.Commit))}` against {(report.Baseline is { } b ? $"`{Escape(b)}`" : "no baseline")}, " +
                      $"tolerance {Short(report.Options.Tolerance)}. {Escape(GateText.Summary(report))}");
        md.AppendLine();
        md.AppendLine("| recipe | verdict | A | baseline A | change [95 %] | note |");
        md.AppendLine("|---|---|---:|---:|---:|---|");
        foreach (var v in GateText.Ordered(report))
        {
            var change = v.DeltaA is { } d ? $"{(d >= 0 ? "+" : "")}{Short(d)} {Interval(v.DeltaInterval)}" : "";
            var note = v.Verdict is VerdictKind.Pass or VerdictKind.New && !v.Underpowered ? (v.RegimeChange ? "regime change" : "") : v.Reason;
            md.AppendLine($"| {Escape(v.Recipe)} | {v.Verdict.Name()} | {(v.CurrentA is { } a ? Short(a) : "")} | " +
                          $"{(v.BaselineA is { } ba ? Short(ba) : "")} | {change} | {Escape(note)} |");
        }
        return md.ToString();
    }

    /// <summary>Escapes Markdown's and HTML's active characters, and folds line breaks, so text stays one table cell.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '\r' or '\n' => " ",
                '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '!' => "\\" + c,
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }
}
