using System.Text.Json;
using Ledger.Core.Gating;

namespace Ledger.Core.Reporting;

/// <summary>
/// `ledger gate --format json`, schema "ledger.gate/1" (README.md): the build, the baseline, the rule's settings,
/// and per recipe its verdict, A now and in the baseline, the change with its interval, standard error and degrees of
/// freedom, the p-value of a drop beyond the tolerance, what the uncertainty rests on, the model-free comparison when
/// one decided, the regime-change flag, the reason, the allow-list entry if any, and the run logs behind it. Fields
/// are only ever added to this schema.
/// </summary>
public static class GateJson
{
    public const string Schema = "ledger.gate/1";

    /// <param name="indented">False for the one-line form the ledger keeps (GateSummary), which reads back the same.</param>
    public static string Write(GateReport report, bool indented = true)
    {
        return JsonOutput.Document(indented, json =>
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
            json.WriteString("unverified", report.Options.Unverified.Name());
            JsonOutput.Number(json, "seed_sd", report.Options.SeedSd);
            json.WriteString("reference", report.DriftReference);
            json.WriteBoolean("fail_on_drift", report.Options.FailOnDrift);
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
                json.WriteNumber("tolerance", report.Options.ToleranceFor(v.Recipe));
                JsonOutput.Number(json, "a", v.CurrentA);
                JsonOutput.Number(json, "a_lower", v.CurrentInterval.IsKnown ? v.CurrentInterval.Lower : null);
                JsonOutput.Number(json, "a_upper", v.CurrentInterval.IsKnown ? v.CurrentInterval.Upper : null);
                JsonOutput.Number(json, "baseline_a", v.BaselineA);
                JsonOutput.Number(json, "delta_a", v.DeltaA);
                JsonOutput.Number(json, "delta_lower", v.DeltaInterval.IsKnown ? v.DeltaInterval.Lower : null);
                JsonOutput.Number(json, "delta_upper", v.DeltaInterval.IsKnown ? v.DeltaInterval.Upper : null);
                json.WriteBoolean("delta_open", v.DeltaInterval.IsKnown && v.DeltaInterval.IsOpen);
                JsonOutput.Number(json, "p_value", v.PValue);
                JsonOutput.Number(json, "se", v.StandardError);
                JsonOutput.Number(json, "df", v.DegreesOfFreedom is { } df && double.IsFinite(df) ? df : null);
                json.WriteBoolean("underpowered", v.Underpowered);
                json.WriteString("uncertainty", v.Uncertainty);
                json.WriteString("baseline_note", v.BaselineNote);
                if (v.Window is { } window)
                {
                    json.WriteStartObject("window");
                    json.WriteNumber("from", window.From);
                    json.WriteNumber("to", window.To);
                    json.WriteNumber("mean", window.Now);
                    json.WriteNumber("baseline_mean", window.Before);
                    json.WriteNumber("delta", window.Delta);
                    JsonOutput.Number(json, "delta_lower", window.DeltaInterval.IsKnown ? window.DeltaInterval.Lower : null);
                    JsonOutput.Number(json, "delta_upper", window.DeltaInterval.IsKnown ? window.DeltaInterval.Upper : null);
                    JsonOutput.Number(json, "p_value", window.PValue);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull("window");
                }
                WriteDrift(json, v.Drift, report.Options.ConfidenceLevel);
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
            json.WriteStartArray("changes");
            foreach (var change in report.Changes)
                ChangesJson.WriteChange(json, change, report.Options.ConfidenceLevel);
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>A drifted recipe's history since the reference: A there and now, the change, its p-value over the history, and where the fall began.</summary>
    private static void WriteDrift(Utf8JsonWriter json, DriftFinding? drift, double level)
    {
        if (drift is null)
        {
            json.WriteNull("drift");
            return;
        }
        var interval = drift.Test.Interval(level);
        json.WriteStartObject("drift");
        json.WriteString("reference", drift.Reference);
        json.WriteNumber("reference_a", drift.AtReference.Value);
        json.WriteNumber("a", drift.Now.Value);
        json.WriteNumber("delta", drift.Test.Delta);
        JsonOutput.Number(json, "delta_lower", interval.IsKnown ? interval.Lower : null);
        JsonOutput.Number(json, "delta_upper", interval.IsKnown ? interval.Upper : null);
        JsonOutput.Number(json, "p_value", drift.AdjustedP);
        json.WriteString("began", drift.Began?.Commit);
        json.WriteEndObject();
    }
}
