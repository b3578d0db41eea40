using System.Text;
using System.Text.Json;
using Ledger.Core.Gating;

namespace Ledger.Core.Reporting;

/// <summary>
/// `ledger gate --format json`, schema "ledger.gate/1" (README.md): the build, the baseline, the rule's settings,
/// and per recipe its verdict, A now and in the baseline, the change with its interval, the p-value of a drop, the
/// regime-change flag, the reason, the allow-list entry if any, and the run logs behind it.
/// </summary>
public static class GateJson
{
    public const string Schema = "ledger.gate/1";

    public static string Write(GateReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            json.WriteString("commit", report.Commit);
            json.WriteString("branch", report.Branch);
            json.WriteString("baseline", report.Baseline);
            json.WriteBoolean("failed", report.Failed);
            json.WriteNumber("tolerance", report.Options.Tolerance);
            json.WriteNumber("alpha", report.Options.Alpha);
            json.WriteBoolean("lower_is_better", report.Options.LowerIsBetter);
            json.WriteStartObject("counts");
            foreach (var kind in Enum.GetValues<VerdictKind>())
            {
                json.WriteNumber(kind.Name(), report.Count(kind));
            }
            json.WriteEndObject();
            json.WriteStartArray("recipes");
            foreach (var v in report.Verdicts)
            {
                json.WriteStartObject();
                json.WriteString("recipe", v.Recipe);
                json.WriteString("verdict", v.Verdict.Name());
                Number(json, "a", v.CurrentA);
                Number(json, "a_lower", v.CurrentInterval.IsKnown ? v.CurrentInterval.Lower : null);
                Number(json, "a_upper", v.CurrentInterval.IsKnown ? v.CurrentInterval.Upper : null);
                Number(json, "baseline_a", v.BaselineA);
                Number(json, "delta_a", v.DeltaA);
                Number(json, "delta_lower", v.DeltaInterval.IsKnown ? v.DeltaInterval.Lower : null);
                Number(json, "delta_upper", v.DeltaInterval.IsKnown ? v.DeltaInterval.Upper : null);
                Number(json, "p_value", v.PValue);
                json.WriteBoolean("regime_change", v.RegimeChange);
                json.WriteString("reason", v.Reason);
                if (v.Allowance is { } allowance)
                {
                    json.WriteStartObject("allowance");
                    json.WriteString("reason", allowance.Reason);
                    json.WriteString("expiry", allowance.DescribeExpiry());
                    json.WriteBoolean("expired", v.AllowanceExpired);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull("allowance");
                }
                json.WriteStartArray("sources");
                foreach (var source in report.SourcesByRecipe.GetValueOrDefault(v.Recipe) ?? [])
                {
                    json.WriteStringValue(source);
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
