using System.Globalization;
using System.Text;
using Ledger.Core.Storage.LiteDb;
using LiteDB;

namespace Ledger.Tests.Infrastructure;

/// <summary>
/// A deterministic text dump of everything in a ledger file, byte-level (every document as LiteDB holds it), for tests that must show a failed call changed
/// nothing: equal files give equal dumps, and any added, changed or lost document changes the dump.
/// </summary>
/// <remarks>
/// Every collection is listed, documents in _id order, one JSON-like line each. Doubles are written so they
/// round-trip exactly (LiteDB's own JSON writer rounds them) and binary values as hex, so two dumps are equal
/// only when the stored bits are.
/// </remarks>
public static class LedgerDump
{
    /// <summary>Dumps the ledger at <paramref name="path"/>, reading only.</summary>
    /// <exception cref="Diagnostics.LedgerUnavailableException">The file cannot be opened, as for <see cref="LiteDbLedgerStore.OpenReadOnly"/>.</exception>
    public static string Of(string path)
    {
        using var store = LiteDbLedgerStore.OpenReadOnly(path);
        var text = new StringBuilder();
        foreach (var (collection, documents) in store.ReadAllDocuments())
        {
            text.Append("# ").Append(collection).Append(' ').Append(documents.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
            foreach (var document in documents)
            {
                Write(text, document);
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    private static void Write(StringBuilder text, BsonValue value)
    {
        switch (value.Type)
        {
            case BsonType.Document:
                text.Append('{');
                var first = true;
                foreach (var (key, field) in value.AsDocument)
                {
                    if (!first)
                        text.Append(',');
                    first = false;
                    WriteString(text, key);
                    text.Append(':');
                    Write(text, field);
                }
                text.Append('}');
                break;
            case BsonType.Array:
                text.Append('[');
                for (var i = 0; i < value.AsArray.Count; i++)
                {
                    if (i > 0)
                        text.Append(',');
                    Write(text, value.AsArray[i]);
                }
                text.Append(']');
                break;
            case BsonType.String:
                WriteString(text, value.AsString);
                break;
            case BsonType.Double:
                text.Append(value.AsDouble.ToString("R", CultureInfo.InvariantCulture));
                break;
            case BsonType.Binary:
                text.Append("hex:").Append(Convert.ToHexStringLower(value.AsBinary));
                break;
            default:
                // Integers, booleans, null, dates and ids have exact invariant text forms in LiteDB's JSON.
                text.Append(JsonSerializer.Serialize(value));
                break;
        }
    }

    private static void WriteString(StringBuilder text, string value) =>
        text.Append(JsonSerializer.Serialize(new BsonValue(value)));
}
