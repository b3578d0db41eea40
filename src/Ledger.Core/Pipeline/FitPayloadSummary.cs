using System.Buffers;
using System.Text;
using System.Text.Json;
using Ledger.Core.Fitting;

namespace Ledger.Core.Pipeline;

/// <summary>
/// The few fields of a stored fit's payload that reading its A with its seed-level uncertainty needs (what
/// <see cref="Gating.AsymptoteUncertainty"/> and the seed prior read), taken in one forward pass that skips the rest. A
/// verb that reads A across a long history parses thousands of payloads: the full <see cref="FitPayload.Read"/> builds
/// every interval, correlation and option, about ten times the work.
/// </summary>
/// <param name="Runs">The digests of the runs the fit was made from, in fit order.</param>
internal sealed record FitPayloadSummary(
    string Recipe, string Status, string FitterVersion, string InputDigest, string? AsymptoteName, string? Metric, SeedSpread? Seeds,
    int PointCount, int RunCount, double ConfidenceLevel, IReadOnlyList<string> Runs)
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
        string? format = null, recipe = null, status = null, fitter = null, digest = null, asymptote = null, metric = null;
        SeedSpread? seeds = null;
        List<string>? digests = null;
        var (points, runs, confidence) = (-1, -1, double.NaN);
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
                case "status": status = json.GetString(); break;
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
        if (format is not (FitPayload.Format or FitPayload.FormatBefore) || recipe is null || status is null || fitter is null || digest is null
            || points < 0 || runs < 0 || double.IsNaN(confidence) || digests is null)
            throw new FormatException($"the fit payload is not in format {FitPayload.Format}");
        return new FitPayloadSummary(recipe, status, fitter, digest, asymptote, metric, seeds, points, runs, confidence, digests);
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
                variance = json.TokenType == JsonTokenType.String ? double.Parse(json.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : json.GetDouble();
            else if (name == "df")
                degrees = json.GetInt32();
            else
                json.Skip();
        }
        return degrees >= 0 ? new SeedSpread(variance, degrees) : throw new FormatException("the fit payload's seeds have no df");
    }
}
