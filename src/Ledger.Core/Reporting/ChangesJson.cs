using Ledger.Core.Changes;
using Ledger.Core.Gating;
using Ledger.Core.Pipeline;

namespace Ledger.Core.Reporting;

/// <summary>
/// `ledger changes --format json`, schema "ledger.changes/1" (README.md): the branch and its changes, each with the recipe,
/// the first commit after the old level and the last at it, A before and after with intervals, the change with its
/// interval, whether it was a step or a drift, and every commit from the old level to the first at the new one.
/// </summary>
public static class ChangesJson
{
    public const string Schema = "ledger.changes/1";

    public static string Write(ChangesOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var level = outcome.ConfidenceLevel;
        return JsonOutput.Document(json =>
        {
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            json.WriteString("branch", outcome.Branch);
            json.WriteStartArray("changes");
            foreach (var change in outcome.Changes)
                WriteChange(json, change, level);
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>One change as ledger.changes/1 writes it (the gate's JSON lists the changes it found the same way).</summary>
    public static void WriteChange(System.Text.Json.Utf8JsonWriter json, DetectedChange change, double level)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(change);
        json.WriteStartObject();
        json.WriteString("recipe", change.Recipe);
        json.WriteString("commit", change.Commit);
        json.WriteString("previous_commit", change.PreviousCommit);
        WriteLevel(json, "before", change.Before, level);
        WriteLevel(json, "after", change.After, level);
        json.WriteNumber("delta", change.Delta);
        JsonOutput.WriteInterval(json, "interval", change.Test.Interval(level));
        json.WriteString("kind", change.Kind == ChangeKind.Drift ? "drift" : "step");
        json.WriteStartArray("commits");
        foreach (var commit in change.Commits)
            json.WriteStringValue(commit);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteLevel(System.Text.Json.Utf8JsonWriter json, string name, SeedLevelEstimate estimate, double level)
    {
        json.WriteStartObject(name);
        json.WriteNumber("value", estimate.Value);
        JsonOutput.WriteInterval(json, "interval", estimate.Interval(level));
        json.WriteEndObject();
    }
}
