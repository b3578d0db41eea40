using System.Globalization;
using System.Text;
using System.Text.Json;
using Ledger.Core.Fitting;

namespace Ledger.Core.Pipeline;

/// <summary>What a stored fit's payload holds: the fit, the options it was made with and the runs (by digest, in fit order) it was made from.</summary>
public sealed record FitPayloadContents(CurveFit Fit, FitOptions Options, IReadOnlyList<string> RunDigests);

/// <summary>
/// The whole <see cref="CurveFit"/> as JSON (format "ledger.fit-payload/1"), the payload a stored fit carries, with
/// the fit options and the digests of the runs it was fitted from, so that `verify` can refit it from the ledger
/// alone, even after its snapshot gained runs or the default options changed.
/// Unlike the report schemas it must round-trip exactly, since `verify` compares refitted doubles bit for bit:
/// finite doubles are written shortest-round-trip, and NaN and the infinities (unknown or open interval sides)
/// as the strings "NaN", "Infinity" and "-Infinity" rather than dropped to null.
/// </summary>
public static class FitPayload
{
    public const string Format = "ledger.fit-payload/2";

    /// <summary>Payloads of ledger-fit/1 fits, still read (history and reports show them); they lack the fields /2 added.</summary>
    private const string FormatBefore = "ledger.fit-payload/1";

    public static string Write(CurveFit fit, FitOptions options, IReadOnlyList<string> runDigests)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runDigests);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteString("recipe", fit.Recipe);
            json.WriteString("model", fit.Model.Name());
            json.WriteString("status", FitRecords.StatusName(fit.Status));
            json.WriteString("reason", fit.Reason);
            json.WriteStartArray("parameters");
            foreach (var p in fit.Parameters)
            {
                json.WriteStartObject();
                json.WriteString("name", p.Name);
                Number(json, "value", p.Value);
                Number(json, "se", p.StandardError);
                WriteInterval(json, "interval", p.Interval);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("asymptoteName", fit.AsymptoteName);
            json.WriteString("metric", fit.Metric);
            if (fit.Seeds is { } seeds)
            {
                json.WriteStartObject("seeds");
                Number(json, "variance", seeds.Variance);
                json.WriteNumber("df", seeds.DegreesOfFreedom);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("seeds");
            }
            Number(json, "autocorrelationInflation", fit.AutocorrelationInflation);
            json.WriteStartArray("setAside");
            foreach (var point in fit.SetAside)
            {
                json.WriteStartObject();
                json.WriteString("run", point.Run);
                Number(json, "compute", point.Compute);
                Number(json, "reward", point.Reward);
                Number(json, "robustSds", point.RobustSds);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (fit.Alternative is { } alternative)
            {
                json.WriteStartObject("alternative");
                json.WriteString("family", alternative.Family);
                Number(json, "shape", alternative.Shape);
                Number(json, "asymptote", alternative.Asymptote);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("alternative");
            }
            WriteInterval(json, "profile", fit.ProfileInterval);
            WriteInterval(json, "bootstrapInterval", fit.BootstrapInterval);
            Number(json, "bootstrapSe", fit.BootstrapStandardError);
            if (fit.Bootstrap is { } b)
            {
                json.WriteStartObject("bootstrap");
                json.WriteString("method", b.Method);
                json.WriteNumber("resamples", b.Resamples);
                json.WriteNumber("failed", b.Failed);
                json.WriteNumber("blockLength", b.BlockLength);
                json.WriteNumber("seed", b.Seed);
                json.WriteBoolean("exhaustive", b.Exhaustive);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("bootstrap");
            }
            Number(json, "rSquared", fit.RSquared);
            Number(json, "rmse", fit.Rmse);
            Number(json, "sse", fit.Sse);
            json.WriteNumber("pointCount", fit.PointCount);
            json.WriteNumber("runCount", fit.RunCount);
            json.WriteNumber("iterations", fit.Iterations);
            Number(json, "confidence", fit.ConfidenceLevel);
            json.WriteStartArray("correlations");
            foreach (var (first, second, r) in fit.Correlations)
            {
                json.WriteStartObject();
                json.WriteString("first", first);
                json.WriteString("second", second);
                Number(json, "r", r);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (fit.Prediction is { } prediction)
            {
                json.WriteStartObject("prediction");
                Number(json, "compute", prediction.Compute);
                Number(json, "value", prediction.Value);
                WriteInterval(json, "delta", prediction.Delta);
                WriteInterval(json, "bootstrap", prediction.Bootstrap);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("prediction");
            }
            if (fit.Planning is { } planning)
            {
                json.WriteStartObject("planning");
                Number(json, "fraction", planning.Fraction);
                Number(json, "compute", planning.Compute);
                WriteInterval(json, "delta", planning.Delta);
                WriteInterval(json, "bootstrap", planning.Bootstrap);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("planning");
            }
            json.WriteString("fitterVersion", fit.FitterVersion);
            json.WriteString("inputDigest", fit.InputDigest);
            WriteOptions(json, options);
            json.WriteStartArray("runs");
            foreach (var digest in runDigests)
                json.WriteStringValue(digest);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <exception cref="FormatException">The text is not a payload of this format.</exception>
    public static FitPayloadContents Read(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (String(root, "format") is not (Format or FormatBefore))
                throw new FormatException($"the fit payload is not in format {Format}");
            if (!CurveModelNames.TryParse(String(root, "model")!, out var model))
                throw new FormatException($"the fit payload names an unknown model '{String(root, "model")}'");
            var fit = new CurveFit
            {
                Recipe = Required(root, "recipe"),
                Model = model,
                Status = FitRecords.ParseStatus(Required(root, "status")),
                Reason = String(root, "reason"),
                Parameters = root.GetProperty("parameters").EnumerateArray()
                    .Select(p => new FitParameter(Required(p, "name"), Number(p, "value"), Number(p, "se"), ReadInterval(p, "interval")))
                    .ToArray(),
                AsymptoteName = String(root, "asymptoteName"),
                Metric = Optional(root, "metric") is { ValueKind: JsonValueKind.String } metric ? metric.GetString() : null,
                Seeds = Optional(root, "seeds") is { ValueKind: JsonValueKind.Object } seeds
                    ? new SeedSpread(Number(seeds, "variance"), seeds.GetProperty("df").GetInt32())
                    : null,
                AutocorrelationInflation = Optional(root, "autocorrelationInflation") is not null ? Number(root, "autocorrelationInflation") : 1.0,
                SetAside = Optional(root, "setAside") is { ValueKind: JsonValueKind.Array } setAside
                    ? setAside.EnumerateArray().Select(p => new SetAsidePoint(Required(p, "run"), Number(p, "compute"), Number(p, "reward"), Number(p, "robustSds"))).ToArray()
                    : [],
                Alternative = Optional(root, "alternative") is { ValueKind: JsonValueKind.Object } alternative
                    ? new AlternativeCurve(Required(alternative, "family"), Number(alternative, "shape"), Number(alternative, "asymptote"))
                    : null,
                ProfileInterval = ReadInterval(root, "profile"),
                BootstrapInterval = ReadInterval(root, "bootstrapInterval"),
                BootstrapStandardError = Number(root, "bootstrapSe"),
                Bootstrap = root.GetProperty("bootstrap") is { ValueKind: JsonValueKind.Object } b
                    ? new BootstrapSummary(Required(b, "method"), b.GetProperty("resamples").GetInt32(), b.GetProperty("failed").GetInt32(),
                        b.GetProperty("blockLength").GetInt32(), b.GetProperty("seed").GetInt32(),
                        Optional(b, "exhaustive") is { ValueKind: JsonValueKind.True })
                    : null,
                RSquared = Number(root, "rSquared"),
                Rmse = Number(root, "rmse"),
                Sse = Number(root, "sse"),
                PointCount = root.GetProperty("pointCount").GetInt32(),
                RunCount = root.GetProperty("runCount").GetInt32(),
                Iterations = root.GetProperty("iterations").GetInt32(),
                ConfidenceLevel = Number(root, "confidence"),
                Correlations = root.GetProperty("correlations").EnumerateArray()
                    .Select(c => (Required(c, "first"), Required(c, "second"), Number(c, "r")))
                    .ToArray(),
                Prediction = root.GetProperty("prediction") is { ValueKind: JsonValueKind.Object } p
                    ? new Prediction(Number(p, "compute"), Number(p, "value"), ReadInterval(p, "delta"), ReadInterval(p, "bootstrap"))
                    : null,
                Planning = root.GetProperty("planning") is { ValueKind: JsonValueKind.Object } q
                    ? new ComputeToFraction(Number(q, "fraction"), Number(q, "compute"), ReadInterval(q, "delta"), ReadInterval(q, "bootstrap"))
                    : null,
                FitterVersion = Required(root, "fitterVersion"),
                InputDigest = Required(root, "inputDigest"),
            };
            var runs = root.GetProperty("runs").EnumerateArray().Select(r => r.GetString() ?? throw new FormatException("a run digest in the fit payload is not a string")).ToArray();
            return new FitPayloadContents(fit, ReadOptions(root.GetProperty("options")), runs);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"the fit payload cannot be read: {e.Message}", e);
        }
    }

    /// <summary>Every option, so that <see cref="FitOptions.Canonical"/> of the options read back equals the original's.</summary>
    private static void WriteOptions(Utf8JsonWriter json, FitOptions options)
    {
        json.WriteStartObject("options");
        json.WriteString("model", options.Model.Name());
        OptionalNumber(json, "fixedR0", options.FixedR0);
        OptionalNumber(json, "rewardMax", options.RewardMax);
        OptionalNumber(json, "rewardMin", options.RewardMin);
        json.WriteNumber("bootstrapResamples", options.BootstrapResamples);
        Number(json, "confidenceLevel", options.ConfidenceLevel);
        Number(json, "maxIntervalWidthFraction", options.MaxIntervalWidthFraction);
        OptionalNumber(json, "maxIntervalWidth", options.MaxIntervalWidth);
        OptionalNumber(json, "predictAt", options.PredictAt);
        Number(json, "planningFraction", options.PlanningFraction);
        Number(json, "tolerance", options.Tolerance);
        // Written only when set, as in the options' canonical text.
        if (options.Window is { } window)
        {
            json.WriteStartObject("window");
            OptionalNumber(json, "minCompute", window.Min);
            OptionalNumber(json, "maxCompute", window.Max);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static FitOptions ReadOptions(JsonElement options)
    {
        if (!CurveModelNames.TryParse(Required(options, "model"), out var model))
            throw new FormatException($"the fit payload's options name an unknown model '{String(options, "model")}'");
        return new FitOptions
        {
            Model = model,
            FixedR0 = OptionalNumber(options, "fixedR0"),
            RewardMax = OptionalNumber(options, "rewardMax"),
            RewardMin = OptionalNumber(options, "rewardMin"),
            BootstrapResamples = options.GetProperty("bootstrapResamples").GetInt32(),
            ConfidenceLevel = Number(options, "confidenceLevel"),
            MaxIntervalWidthFraction = Number(options, "maxIntervalWidthFraction"),
            MaxIntervalWidth = OptionalNumber(options, "maxIntervalWidth"),
            PredictAt = OptionalNumber(options, "predictAt"),
            PlanningFraction = Number(options, "planningFraction"),
            Tolerance = Optional(options, "tolerance") is not null ? Number(options, "tolerance") : FitOptions.DefaultTolerance,
            Window = options.TryGetProperty("window", out var window)
                ? new ComputeWindow(OptionalNumber(window, "minCompute"), OptionalNumber(window, "maxCompute"))
                : null,
        };
    }

    private static void OptionalNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
            Number(json, name, v);
        else
            json.WriteNull(name);
    }

    private static double? OptionalNumber(JsonElement element, string name) =>
        element.GetProperty(name).ValueKind == JsonValueKind.Null ? null : Number(element, name);

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
            json.WriteNumber(name, value);
        else
            json.WriteString(name, value.ToString(CultureInfo.InvariantCulture)); // "NaN", "Infinity", "-Infinity"
    }

    private static void WriteInterval(Utf8JsonWriter json, string name, Interval interval)
    {
        json.WriteStartObject(name);
        Number(json, "lower", interval.Lower);
        Number(json, "upper", interval.Upper);
        json.WriteEndObject();
    }

    private static double Number(JsonElement element, string name)
    {
        var value = element.GetProperty(name);
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when value.GetString() is "NaN" => double.NaN,
            JsonValueKind.String when value.GetString() is "Infinity" => double.PositiveInfinity,
            JsonValueKind.String when value.GetString() is "-Infinity" => double.NegativeInfinity,
            _ => throw new FormatException($"'{name}' in the fit payload is not a number"),
        };
    }

    private static Interval ReadInterval(JsonElement element, string name)
    {
        var interval = element.GetProperty(name);
        return new Interval(Number(interval, "lower"), Number(interval, "upper"));
    }

    /// <summary>A field that a /1 payload lacks: null when absent.</summary>
    private static JsonElement? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : null;

    private static string? String(JsonElement element, string name) =>
        element.GetProperty(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static string Required(JsonElement element, string name) =>
        String(element, name) ?? throw new FormatException($"'{name}' in the fit payload is missing");
}
