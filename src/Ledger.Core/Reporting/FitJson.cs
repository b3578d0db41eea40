using System.Text.Json;
using Ledger.Core.Pipeline;

namespace Ledger.Core.Reporting;

/// <summary>`ledger fit --format json`, schema "ledger.fit/1" (README.md): the snapshot, the counts, and per recipe its status, A and where its fit came from.</summary>
public static class FitJson
{
    public const string Schema = "ledger.fit/1";

    public static string Write(FitOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return JsonOutput.Document(json =>
        {
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            JsonOutput.WriteSnapshot(json, outcome.Snapshot);
            json.WriteNumber("refitted", outcome.Refitted);
            json.WriteNumber("reused", outcome.Reused);
            json.WriteNumber("recorded", outcome.Recorded);
            json.WriteStartArray("recipes");
            foreach (var f in outcome.Fits)
            {
                json.WriteStartObject();
                json.WriteString("recipe", f.Recipe);
                json.WriteString("status", FitRecords.StatusName(f.Fit.Status));
                json.WriteString("reason", f.Fit.Reason);
                if (f.Fit.IdentifiedAsymptote is { } a)
                    JsonOutput.Number(json, "a", a.Value);
                else
                    json.WriteNull("a");
                json.WriteString("fit", f.FromLedger ? "ledger" : "computed");
                json.WriteString("input_digest", f.Fit.InputDigest);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
