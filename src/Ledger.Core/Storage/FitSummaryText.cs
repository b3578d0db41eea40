using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Ledger.Core.Storage;

/// <summary>
/// A fit's summary: its payload (<see cref="StoredFit.PayloadJson"/>) with only the properties that reading its A with
/// its seed-level uncertainty needs (those Pipeline.FitPayloadSummary reads: identity, status, parameters, seeds, counts,
/// statistics, runs), their text copied as it stands, so every number reads back to the same bits. About half a
/// payload: a verb that reads A across a long history (`ledger changes`, the gate's drift) reads 50,000 of them.
/// </summary>
public static class FitSummaryText
{
    private static readonly byte[][] Kept =
    [
        .. new[]
        {
            "format", "recipe", "model", "status", "reason", "parameters", "asymptoteName", "metric", "seeds", "rSquared", "rmse", "sse",
            "pointCount", "runCount", "confidence", "fitterVersion", "inputDigest", "runs",
        }.Select(Encoding.UTF8.GetBytes),
    ];

    /// <summary>
    /// The summary of <paramref name="payload"/>, as UTF-8 (what its reader parses); a payload that is not a JSON object is
    /// returned whole, for its reader to refuse as it would refuse the payload.
    /// </summary>
    public static byte[] Of(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var source = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(payload.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(payload, source);
            return Trim(source.AsSpan(0, length)) ?? source.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(source);
        }
    }

    /// <summary>The kept properties of a JSON object, in their order there; null when <paramref name="json"/> is not one.</summary>
    private static byte[]? Trim(ReadOnlySpan<byte> json)
    {
        var output = new ArrayBufferWriter<byte>(json.Length / 2 + 16);
        output.Write("{"u8);
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            var first = true;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var nameStart = (int)reader.TokenStartIndex;
                var keep = false;
                foreach (var name in Kept)
                    keep |= reader.ValueTextEquals(name);
                // The name as written, quotes included (its value span is the raw text between them, escapes and all).
                var nameEnd = nameStart + reader.ValueSpan.Length + 2;
                reader.Read();
                var valueStart = (int)reader.TokenStartIndex;
                reader.Skip();
                if (!keep)
                    continue;
                if (!first)
                    output.Write(","u8);
                first = false;
                output.Write(json[nameStart..nameEnd]);
                output.Write(":"u8);
                output.Write(json[valueStart..(int)reader.BytesConsumed]);
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
                return null;
        }
        catch (JsonException)
        {
            return null;
        }
        output.Write("}"u8);
        return output.WrittenSpan.ToArray();
    }
}
