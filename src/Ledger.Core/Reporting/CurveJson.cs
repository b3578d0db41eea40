using System.Text.Json;
using Ledger.Core.Fitting;
using Ledger.Core.Pipeline;

namespace Ledger.Core.Reporting;

/// <summary>
/// The `ledger curve --format json` document, schema "ledger.curve/1" (documented in README.md). Numbers are written
/// shortest-round-trip, so two runs on the same input give byte-identical output. A side of an interval that is open
/// or unknown is null; an interval object says "open": true when a side is infinite.
/// </summary>
public static class CurveJson
{
    public const string Schema = "ledger.curve/1";

    public static string Write(CurveResult result)
    {
        return JsonOutput.Document(json =>
        {
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            json.WriteString("fitter", CurveFitter.Version);
            json.WriteStartArray("fits");
            foreach (var recipe in result.Recipes)
            {
                WriteFit(json, recipe, result.Window);
            }
            json.WriteEndArray();
            json.WriteStartArray("warnings");
            foreach (var warning in result.Warnings)
            {
                json.WriteStringValue(warning);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static void WriteFit(Utf8JsonWriter json, RecipeCurve recipe, ComputeWindow? window)
    {
        var fit = recipe.Fit;
        json.WriteStartObject();
        json.WriteString("recipe", fit.Recipe);
        json.WriteString("model", fit.Model.Name());
        json.WriteString("status", fit.Status.ToString().ToLowerInvariant());
        json.WriteString("reason", fit.Reason);
        json.WriteNumber("n", fit.PointCount);
        if (window is null)
        {
            json.WriteNull("window");
        }
        else
        {
            json.WriteStartObject("window");
            JsonOutput.Number(json, "min_compute", window.Min);
            JsonOutput.Number(json, "max_compute", window.Max);
            json.WriteNumber("left_out", recipe.Runs.Sum(r => r.Points.Count) - fit.PointCount);
            json.WriteEndObject();
        }
        json.WriteStartArray("runs");
        foreach (var run in recipe.Runs)
        {
            json.WriteStartObject();
            json.WriteString("name", run.RunName);
            json.WriteString("source", run.SourcePath);
            json.WriteString("compute", run.Compute.Describe());
            json.WriteString("metric", run.RewardColumn);
            json.WriteNumber("points", run.Points.Count);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WritePropertyName("asymptote");
        if (fit.IdentifiedAsymptote is { } asymptote)
        {
            json.WriteStartObject();
            json.WriteString("name", asymptote.Name);
            JsonOutput.Number(json, "value", asymptote.Value);
            JsonOutput.Number(json, "se", asymptote.StandardError);
            JsonOutput.WriteInterval(json, "wald", asymptote.Interval);
            JsonOutput.WriteInterval(json, "profile", fit.ProfileInterval);
            JsonOutput.WriteInterval(json, "bootstrap", fit.BootstrapInterval);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNullValue();
        }

        json.WriteStartObject("params");
        foreach (var parameter in fit.Parameters)
        {
            json.WriteStartObject(parameter.Name);
            JsonOutput.Number(json, "value", parameter.Value);
            JsonOutput.Number(json, "se", parameter.StandardError);
            JsonOutput.WriteInterval(json, "interval", parameter.Interval);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        if (fit.AsymptoteName is not null && fit.Parameters.Count > 0)
        {
            JsonOutput.WriteInterval(json, "profile_interval", fit.ProfileInterval);
            JsonOutput.WriteInterval(json, "bootstrap_interval", fit.BootstrapInterval);
        }
        JsonOutput.Number(json, "confidence", fit.ConfidenceLevel);

        json.WriteStartObject("stats");
        JsonOutput.Number(json, "sse", fit.Sse);
        JsonOutput.Number(json, "rmse", fit.Rmse);
        JsonOutput.Number(json, "r2", fit.RSquared);
        json.WriteNumber("iterations", fit.Iterations);
        json.WriteEndObject();

        if (fit.Bootstrap is { } bootstrap)
        {
            json.WriteStartObject("bootstrap");
            json.WriteString("method", bootstrap.Method);
            json.WriteNumber("resamples", bootstrap.Resamples);
            json.WriteNumber("failed", bootstrap.Failed);
            json.WriteNumber("block_length", bootstrap.BlockLength);
            json.WriteNumber("seed", bootstrap.Seed);
            json.WriteEndObject();
        }

        WriteEstimate(json, "prediction", fit.Prediction is { } p ? ("compute", p.Compute, p.Value, p.Delta, p.Bootstrap) : null);
        WriteEstimate(json, "planning", fit.Planning is { } q ? ("fraction", q.Fraction, q.Compute, q.Delta, q.Bootstrap) : null);

        json.WriteString("fitter", fit.FitterVersion);
        json.WriteString("input_digest", fit.InputDigest);
        json.WriteEndObject();
    }

    /// <summary>A prediction or planning object: what it is at, its value ("value" or "compute"), and both intervals.</summary>
    private static void WriteEstimate(Utf8JsonWriter json, string name,
        (string AtName, double At, double Value, Interval Delta, Interval Bootstrap)? estimate)
    {
        if (estimate is not { } e)
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartObject(name);
        JsonOutput.Number(json, e.AtName, e.At);
        JsonOutput.Number(json, e.AtName == "compute" ? "value" : "compute", e.Value);
        JsonOutput.WriteInterval(json, "delta", e.Delta);
        JsonOutput.WriteInterval(json, "bootstrap", e.Bootstrap);
        json.WriteEndObject();
    }
}
