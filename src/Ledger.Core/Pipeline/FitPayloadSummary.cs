using System.Text.Json;
using Ledger.Core.Fitting;

namespace Ledger.Core.Pipeline;

/// <summary>
/// The fields of a stored fit's payload that reading its A with its seed-level uncertainty needs (what
/// <see cref="Gating.AsymptoteUncertainty"/> and the seed prior read: status, parameters, seeds, counts, statistics), taken
/// in one forward pass that skips the rest. A verb that reads A across a long history parses thousands of payloads: the
/// full <see cref="FitPayload.Read"/> builds every interval, correlation and option, about ten times the work.
/// </summary>
/// <param name="Runs">The digests of the runs the fit was made from, in fit order.</param>
internal sealed record FitPayloadSummary(
    string Recipe, string Model, string Status, string? Reason, IReadOnlyList<FitParameter> Parameters, string FitterVersion, string InputDigest,
    string? AsymptoteName, string? Metric, SeedSpread? Seeds, int PointCount, int RunCount, double ConfidenceLevel, double RSquared, double Rmse, double Sse,
    IReadOnlyList<string> Runs)
{
    /// <param name="utf8">A payload, or its summary (<see cref="Storage.FitSummaryText"/>), as UTF-8.</param>
    /// <exception cref="FormatException">The text is not a fit payload.</exception>
    public static FitPayloadSummary Read(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return Parse(new Utf8JsonReader(utf8));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"the fit payload cannot be read: {e.Message}", e);
        }
    }

    private static FitPayloadSummary Parse(Utf8JsonReader json)
    {
        string? format = null, recipe = null, model = null, status = null, reason = null, fitter = null, digest = null, asymptote = null, metric = null;
        SeedSpread? seeds = null;
        List<string>? digests = null;
        List<FitParameter>? parameters = null;
        var (points, runs, confidence) = (-1, -1, double.NaN);
        double? rSquared = null, rmse = null, sse = null;
        if (!json.Read() || json.TokenType != JsonTokenType.StartObject)
            throw new FormatException("a fit payload is a JSON object");
        // Names are compared as UTF-8 where they lie (ValueTextEquals), not made into strings: 50,000 payloads have about 1,500,000 of them.
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var name = json;
            json.Read();
            if (name.ValueTextEquals("format"u8)) format = json.GetString();
            else if (name.ValueTextEquals("recipe"u8)) recipe = json.GetString();
            else if (name.ValueTextEquals("model"u8)) model = json.GetString();
            else if (name.ValueTextEquals("status"u8)) status = json.GetString();
            else if (name.ValueTextEquals("reason"u8)) reason = json.TokenType == JsonTokenType.Null ? null : json.GetString();
            else if (name.ValueTextEquals("parameters"u8)) parameters = ReadParameters(ref json);
            else if (name.ValueTextEquals("rSquared"u8)) rSquared = Number(ref json);
            else if (name.ValueTextEquals("rmse"u8)) rmse = Number(ref json);
            else if (name.ValueTextEquals("sse"u8)) sse = Number(ref json);
            else if (name.ValueTextEquals("fitterVersion"u8)) fitter = json.GetString();
            else if (name.ValueTextEquals("inputDigest"u8)) digest = json.GetString();
            else if (name.ValueTextEquals("asymptoteName"u8)) asymptote = json.TokenType == JsonTokenType.Null ? null : json.GetString();
            else if (name.ValueTextEquals("metric"u8)) metric = json.TokenType == JsonTokenType.Null ? null : json.GetString();
            else if (name.ValueTextEquals("seeds"u8)) seeds = json.TokenType == JsonTokenType.Null ? null : ReadSeeds(ref json);
            else if (name.ValueTextEquals("pointCount"u8)) points = json.GetInt32();
            else if (name.ValueTextEquals("runCount"u8)) runs = json.GetInt32();
            else if (name.ValueTextEquals("confidence"u8)) confidence = json.GetDouble();
            else if (name.ValueTextEquals("runs"u8)) digests = ReadStrings(ref json);
            else json.Skip();
        }
        if (format is not (FitPayload.Format or FitPayload.FormatBefore) || recipe is null || model is null || status is null || parameters is null
            || fitter is null || digest is null || points < 0 || runs < 0 || double.IsNaN(confidence) || rSquared is null || rmse is null || sse is null
            || digests is null)
            throw new FormatException($"the fit payload is not in format {FitPayload.Format}");
        return new FitPayloadSummary(recipe, model, status, reason, parameters, fitter, digest, asymptote, metric, seeds, points, runs, confidence,
            rSquared.Value, rmse.Value, sse.Value, digests);
    }

    /// <summary>A number as <see cref="FitPayload"/> writes it: finite as a number, NaN and the infinities as strings.</summary>
    private static double Number(ref Utf8JsonReader json) => json.TokenType switch
    {
        JsonTokenType.Number => json.GetDouble(),
        JsonTokenType.String => json.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var text => throw new FormatException($"'{text}' in the fit payload is not a number"),
        },
        _ => throw new FormatException("a value in the fit payload is not a number"),
    };

    private static List<FitParameter> ReadParameters(ref Utf8JsonReader json)
    {
        if (json.TokenType != JsonTokenType.StartArray)
            throw new FormatException("the fit payload's parameters are not an array");
        var parameters = new List<FitParameter>();
        while (json.Read() && json.TokenType == JsonTokenType.StartObject)
        {
            string? name = null;
            var (value, se, lower, upper) = (double.NaN, double.NaN, double.NaN, double.NaN);
            var seen = 0;
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                var field = json;
                json.Read();
                if (field.ValueTextEquals("name"u8)) name = json.GetString();
                else if (field.ValueTextEquals("value"u8)) (value, seen) = (Number(ref json), seen | 1);
                else if (field.ValueTextEquals("se"u8)) (se, seen) = (Number(ref json), seen | 2);
                else if (field.ValueTextEquals("interval"u8)) ((lower, upper), seen) = (ReadInterval(ref json), seen | 4);
                else json.Skip();
            }
            if (name is null || seen != 7)
                throw new FormatException("a parameter of the fit payload lacks its name, value, se or interval");
            parameters.Add(new FitParameter(name, value, se, new Interval(lower, upper)));
        }
        return json.TokenType == JsonTokenType.EndArray ? parameters : throw new FormatException("the fit payload's parameters are not objects");
    }

    private static (double Lower, double Upper) ReadInterval(ref Utf8JsonReader json)
    {
        var (lower, upper, seen) = (double.NaN, double.NaN, 0);
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var name = json;
            json.Read();
            if (name.ValueTextEquals("lower"u8))
                (lower, seen) = (Number(ref json), seen | 1);
            else if (name.ValueTextEquals("upper"u8))
                (upper, seen) = (Number(ref json), seen | 2);
            else
                json.Skip();
        }
        return seen == 3 ? (lower, upper) : throw new FormatException("an interval of the fit payload lacks a side");
    }

    private static List<string> ReadStrings(ref Utf8JsonReader json)
    {
        var strings = new List<string>();
        while (json.Read() && json.TokenType == JsonTokenType.String)
            strings.Add(json.GetString()!);
        return json.TokenType == JsonTokenType.EndArray ? strings : throw new FormatException("the fit payload's runs are not strings");
    }

    private static SeedSpread ReadSeeds(ref Utf8JsonReader json)
    {
        var (variance, degrees) = (double.NaN, -1);
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var name = json;
            json.Read();
            if (name.ValueTextEquals("variance"u8))
                variance = Number(ref json);
            else if (name.ValueTextEquals("df"u8))
                degrees = json.GetInt32();
            else
                json.Skip();
        }
        return degrees >= 0 ? new SeedSpread(variance, degrees) : throw new FormatException("the fit payload's seeds have no df");
    }
}
