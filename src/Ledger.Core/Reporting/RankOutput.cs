using System.Text;
using System.Text.Json;
using Ledger.Core.Diagnostics;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Pipeline;
using static Ledger.Core.Reporting.NumberFormat;

namespace Ledger.Core.Reporting;

/// <summary>`ledger rank` as an aligned table and as JSON (schema "ledger.rank/1", README.md).</summary>
public static class RankOutput
{
    public const string Schema = "ledger.rank/1";

    public static string Text(RankOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var text = new StringBuilder();
        text.AppendLine($"snapshot {outcome.Snapshot.Id} ({AppendText.Build(outcome.Snapshot.Branch, outcome.Snapshot.Commit)}): " +
                        $"{outcome.Ranked.Count} recipes ranked by A ({(outcome.LowerIsBetter ? "lowest" : "highest")} first), {outcome.Unidentified.Count} unidentified");
        var fraction = outcome.Ranked.Select(r => r.Fit.Planning?.Fraction).FirstOrDefault(f => f is not null) ?? 0.95;
        var rows = new List<string[]> { new[] { "rank", "recipe", "A", "95 % interval", $"compute to {Percent(fraction)} of A", "interval" } };
        rows.AddRange(outcome.Ranked.Select((r, i) => new[]
        {
            (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), r.Recipe, Short(r.Fit.IdentifiedAsymptote!.Value), Interval(AsymptoteUncertainty.IntervalOf(r.Fit)),
            r.Fit.Planning is { } q ? Short(q.Compute) : "-", r.Fit.Planning is { } q2 ? Interval(q2.Bootstrap.IsKnown ? q2.Bootstrap : q2.Delta) : "-",
        }));
        TextTable.Append(text, rows, leftAligned: c => c == 1, indent: "  ");
        foreach (var u in outcome.Unidentified)
            text.AppendLine($"  unidentified  {DisplayText.Escape(u.Recipe)}: {u.Fit.Reason}");
        return text.ToString();
    }

    public static string Json(RankOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return JsonOutput.Document(json =>
        {
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            JsonOutput.WriteSnapshot(json, outcome.Snapshot);
            json.WriteBoolean("lower_is_better", outcome.LowerIsBetter);
            json.WriteStartArray("ranked");
            foreach (var (r, i) in outcome.Ranked.Select((r, i) => (r, i)))
            {
                json.WriteStartObject();
                json.WriteNumber("rank", i + 1);
                json.WriteString("recipe", r.Recipe);
                JsonOutput.Number(json, "a", r.Fit.IdentifiedAsymptote!.Value);
                JsonOutput.WriteInterval(json, "a_interval", AsymptoteUncertainty.IntervalOf(r.Fit));
                if (r.Fit.Planning is { } q)
                {
                    json.WriteStartObject("planning");
                    JsonOutput.Number(json, "fraction", q.Fraction);
                    JsonOutput.Number(json, "compute", q.Compute);
                    JsonOutput.WriteInterval(json, "delta", q.Delta);
                    JsonOutput.WriteInterval(json, "bootstrap", q.Bootstrap);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull("planning");
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("unidentified");
            foreach (var u in outcome.Unidentified)
            {
                json.WriteStartObject();
                json.WriteString("recipe", u.Recipe);
                json.WriteString("status", FitRecords.StatusName(u.Fit.Status));
                json.WriteString("reason", u.Fit.Reason);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
