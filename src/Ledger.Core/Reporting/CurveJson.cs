using System.Text.Json;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
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
                WriteFit(json, recipe, result.Window, result.Prior);
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

    private static void WriteFit(Utf8JsonWriter json, RecipeCurve recipe, ComputeWindow? window, SeedVariancePrior? prior)
    {
        var fit = recipe.Fit;
        json.WriteStartObject();
        json.WriteString("recipe", fit.Recipe);
        json.WriteString("model", fit.Model.Name());
        json.WriteString("status", FitRecords.StatusName(fit.Status));
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
            json.WriteNumber("left_out", recipe.Runs.Sum(r => r.Points.Count) - fit.PointCount - fit.SetAside.Count);
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
            var seeds = AsymptoteUncertainty.Of(fit, prior)!;
            json.WriteStartObject("seeds");
            JsonOutput.Number(json, "se", seeds.StandardError);
            JsonOutput.Number(json, "df", double.IsFinite(seeds.DegreesOfFreedom) ? seeds.DegreesOfFreedom : null);
            json.WriteString("basis", seeds.Basis switch
            {
                UncertaintyBasis.Seeds => "seeds",
                UncertaintyBasis.ModeratedSeeds => "moderated-seeds",
                UncertaintyBasis.Prior => "prior",
                _ => "within-run",
            });
            JsonOutput.WriteInterval(json, "interval", seeds.Interval(fit.ConfidenceLevel));
            json.WriteEndObject();
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
        JsonOutput.Number(json, "autocorrelation_inflation", fit.AutocorrelationInflation);
        if (fit.Seeds is { } spread)
        {
            json.WriteStartObject("seed_spread");
            JsonOutput.Number(json, "variance", spread.Variance);
            json.WriteNumber("df", spread.DegreesOfFreedom);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("seed_spread");
        }
        json.WriteStartArray("set_aside");
        foreach (var point in fit.SetAside)
        {
            json.WriteStartObject();
            json.WriteString("run", point.Run);
            JsonOutput.Number(json, "compute", point.Compute);
            JsonOutput.Number(json, "reward", point.Reward);
            JsonOutput.Number(json, "robust_sds", point.RobustSds);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (fit.Alternative is { } alternative)
        {
            json.WriteStartObject("alternative");
            json.WriteString("family", alternative.Family);
            JsonOutput.Number(json, "shape", alternative.Shape);
            JsonOutput.Number(json, "value", alternative.Asymptote);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("alternative");
        }

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
            json.WriteBoolean("exhaustive", bootstrap.Exhaustive);
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
