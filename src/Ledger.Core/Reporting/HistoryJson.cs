using System.Globalization;
using System.Text.Json;
using Ledger.Core.Fitting;
using Ledger.Core.Pipeline;

namespace Ledger.Core.Reporting;

/// <summary>
/// The `ledger history --format json` document, schema "ledger.history/1" (documented in README.md): one row per
/// recipe per snapshot, oldest first. Numbers are shortest-round-trip and intervals are written as in
/// ledger.curve/1, so the same ledger and options give byte-identical output.
/// </summary>
public static class HistoryJson
{
    public const string Schema = "ledger.history/1";

    public static string Write(HistoryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonOutput.Document(json =>
        {
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            json.WriteString("fitter", CurveFitter.Version);
            json.WriteString("model", result.Fit.Model.Name());
            json.WriteString("options_digest", FitRecords.OptionsDigest(result.Fit));
            json.WriteStartArray("rows");
            foreach (var row in result.Rows)
                WriteRow(json, row);
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static void WriteRow(Utf8JsonWriter json, HistoryRow row)
    {
        json.WriteStartObject();
        json.WriteNumber("snapshot", row.SnapshotId);
        json.WriteString("commit", row.Commit);
        json.WriteString("branch", row.Branch);
        json.WriteString("time", row.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        json.WriteString("recipe", row.Recipe);
        json.WriteNumber("runs", row.Runs);
        json.WriteNumber("points", row.Points);
        json.WriteString("status", FitRecords.StatusName(row.Fit.Status));
        json.WriteString("reason", row.Fit.Reason);
        json.WritePropertyName("asymptote");
        if (row.Asymptote is { } a)
        {
            json.WriteStartObject();
            json.WriteString("name", a.Name);
            JsonOutput.Number(json, "value", a.Value);
            JsonOutput.Number(json, "se", a.StandardError);
            JsonOutput.WriteInterval(json, "wald", a.Interval);
            JsonOutput.WriteInterval(json, "profile", row.Fit.ProfileInterval);
            JsonOutput.WriteInterval(json, "bootstrap", row.Fit.BootstrapInterval);
            JsonOutput.WriteInterval(json, "interval", Gating.AsymptoteUncertainty.IntervalOf(row.Fit));
            json.WriteEndObject();
        }
        else
        {
            json.WriteNullValue();
        }
        json.WriteString("fit", row.FromLedger ? "ledger" : "computed");
        json.WriteString("input_digest", row.Fit.InputDigest);
        json.WriteEndObject();
    }
}
