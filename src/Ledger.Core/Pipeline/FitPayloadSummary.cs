using System.Buffers;
using System.Text;
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
    /// <exception cref="FormatException">The text is not a fit payload.</exception>
    public static FitPayloadSummary Read(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(payload.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(payload, buffer);
            return Parse(new Utf8JsonReader(buffer.AsSpan(0, length)));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"the fit payload cannot be read: {e.Message}", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
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
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var name = json.GetString();
            json.Read();
            switch (name)
            {
                case "format": format = json.GetString(); break;
                case "recipe": recipe = json.GetString(); break;
                case "model": model = json.GetString(); break;
                case "status": status = json.GetString(); break;
                case "reason": reason = json.TokenType == JsonTokenType.Null ? null : json.GetString(); break;
                case "parameters": parameters = ReadParameters(ref json); break;
                case "rSquared": rSquared = Number(ref json); break;
                case "rmse": rmse = Number(ref json); break;
                case "sse": sse = Number(ref json); break;
                case "fitterVersion": fitter = json.GetString(); break;
                case "inputDigest": digest = json.GetString(); break;
                case "asymptoteName": asymptote = json.TokenType == JsonTokenType.Null ? null : json.GetString(); break;
                case "metric": metric = json.TokenType == JsonTokenType.Null ? null : json.GetString(); break;
                case "seeds": seeds = json.TokenType == JsonTokenType.Null ? null : ReadSeeds(ref json); break;
                case "pointCount": points = json.GetInt32(); break;
                case "runCount": runs = json.GetInt32(); break;
                case "confidence": confidence = json.GetDouble(); break;
                case "runs": digests = ReadStrings(ref json); break;
                default: json.Skip(); break;
            }
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
                var field = json.GetString();
                json.Read();
                switch (field)
                {
                    case "name": name = json.GetString(); break;
                    case "value": value = Number(ref json); seen |= 1; break;
                    case "se": se = Number(ref json); seen |= 2; break;
                    case "interval": (lower, upper) = ReadInterval(ref json); seen |= 4; break;
                    default: json.Skip(); break;
                }
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
            var name = json.GetString();
            json.Read();
            if (name == "lower")
                (lower, seen) = (Number(ref json), seen | 1);
            else if (name == "upper")
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
            var name = json.GetString();
            json.Read();
            if (name == "variance")
                variance = Number(ref json);
            else if (name == "df")
                degrees = json.GetInt32();
            else
                json.Skip();
        }
        return degrees >= 0 ? new SeedSpread(variance, degrees) : throw new FormatException("the fit payload's seeds have no df");
    }
}
