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
    /// <summary>The gate's Markdown, rendered from its ledger.gate/1 document as summary.md renders the kept one.</summary>
    public static string Write(GateReport report) => Write(RecordedGate.Read(GateJson.Write(report, indented: false)));

    /// <summary>summary.md of a kept gate: rendered from its document, or an older Ledger's kept Markdown as it was kept.</summary>
    /// <exception cref="Diagnostics.LedgerUnavailableException">LEDGER402: the kept document cannot be read.</exception>
    public static string Of(Storage.GateSummary summary) => RecordedGate.Of(summary) is { } gate ? Write(gate) : summary.Markdown!;

    public static string Write(RecordedGate gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var md = new StringBuilder();
        md.AppendLine($"### Ledger gate: {(gate.Failed ? "❌ failed" : "✅ passed")}");
        md.AppendLine();
        md.AppendLine($"`{Escape(gate.Branch)}@{Escape(GateText.Abbreviate(gate.Commit))}` against {(gate.Baseline is { } b ? $"`{Escape(b)}`" : "no baseline")}, " +
                      $"tolerance {Short(gate.Tolerance)}. {Escape(GateText.Summary(gate.Failed, gate.Verdicts.Select(v => v.Verdict)))}");
        md.AppendLine();
        md.AppendLine("| recipe | verdict | A | baseline A | change [95 %] | note |");
        md.AppendLine("|---|---|---:|---:|---:|---|");
        foreach (var v in GateText.Ordered(gate.Verdicts, v => v.Verdict, v => v.Recipe))
        {
            var change = v.DeltaA is { } d ? $"{(d >= 0 ? "+" : "")}{Short(d)} {Interval(v.DeltaInterval)}" : "";
            var note = v.Verdict is VerdictKind.Pass or VerdictKind.New && !v.Underpowered ? (v.RegimeChange ? "regime change" : "") : v.Reason;
            md.AppendLine($"| {Escape(v.Recipe)} | {v.Verdict.Name()} | {(v.CurrentA is { } a ? Short(a) : "")} | " +
                          $"{(v.BaselineA is { } ba ? Short(ba) : "")} | {change} | {Escape(note)} |");
        }
        if (gate.Changes.Count > 0)
        {
            md.AppendLine();
            md.AppendLine($"**Changes of A since `{Escape(gate.DriftReference ?? "")}`** (`ledger changes` lists them; acknowledge an accepted one in ledger.allow.json):");
            md.AppendLine();
            foreach (var c in gate.Changes)
                md.AppendLine($"- {Escape(GateMessages.Change(c))}");
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
