using System.Text;
using System.Text.Json;
using Ledger.Core.Diagnostics;
using Ledger.Core.Fitting;
using Ledger.Core.Pipeline;
using static Ledger.Core.Reporting.NumberFormat;

namespace Ledger.Core.Reporting;

/// <summary>`ledger predict` as text and as JSON (schema "ledger.predict/1", README.md).</summary>
public static class PredictOutput
{
    public const string Schema = "ledger.predict/1";

    /// <example>
    /// recipe grpo at C = 1e+5: 0.8038 [0.7961, 0.8114] (delta), [0.7767, 0.8211] (bootstrap)
    ///   from snapshot 3 (main@3f2a1c9): sigmoid4, 3 runs, 48 points, status ok, A = 0.8139 [0.7821, 0.8359]
    /// </example>
    public static string Text(SnapshotRecipeFit recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var fit = recipe.Fit;
        var text = new StringBuilder();
        if (fit.Prediction is { } p)
            text.AppendLine($"recipe {DisplayText.Escape(recipe.Recipe)} at C = {Short(p.Compute)}: {Short(p.Value)} {Interval(p.Delta)} (delta), {Interval(p.Bootstrap)} (bootstrap)");
        else
            text.AppendLine($"recipe {DisplayText.Escape(recipe.Recipe)}: no prediction ({fit.Reason ?? "the fit failed"})");
        var a = fit.IdentifiedAsymptote is { } identified ? $", A = {Short(identified.Value)} {Interval(Gating.AsymptoteUncertainty.IntervalOf(fit))}" : "";
        text.AppendLine($"  from snapshot {recipe.Snapshot.Id} ({AppendText.Build(recipe.Snapshot.Branch, recipe.Snapshot.Commit)}): " +
                        $"{fit.Model.Name()}, {recipe.RunDigests.Count} runs, {recipe.Fit.PointCount} points, status {FitRecords.StatusName(fit.Status)}{a}");
        if (fit.Reason is { } reason)
            text.AppendLine($"  warning: {reason}; the prediction extrapolates a curve the data do not pin down");
        return text.ToString();
    }

    public static string Json(SnapshotRecipeFit recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var fit = recipe.Fit;
        return JsonOutput.Document(json =>
        {
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            JsonOutput.WriteSnapshot(json, recipe.Snapshot);
            json.WriteString("recipe", recipe.Recipe);
            json.WriteString("model", fit.Model.Name());
            json.WriteString("status", FitRecords.StatusName(fit.Status));
            json.WriteString("reason", fit.Reason);
            if (fit.Prediction is { } p)
            {
                json.WriteStartObject("prediction");
                JsonOutput.Number(json, "compute", p.Compute);
                JsonOutput.Number(json, "value", p.Value);
                JsonOutput.WriteInterval(json, "delta", p.Delta);
                JsonOutput.WriteInterval(json, "bootstrap", p.Bootstrap);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("prediction");
            }
            json.WriteString("input_digest", fit.InputDigest);
            json.WriteEndObject();
        });
    }
}
