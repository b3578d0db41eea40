using LiteDB;

namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// Typed reads of document fields that fail with <see cref="FormatException"/> on a missing or mistyped field,
/// which the store reports as a damaged ledger, instead of letting a null or a cast error travel further.
/// </summary>
internal static class BsonRead
{
    public static string String(BsonDocument doc, string field) =>
        Field(doc, field) is { IsString: true } value ? value.AsString : throw Wrong(field, "a string");

    public static string? NullableString(BsonDocument doc, string field) =>
        Field(doc, field) switch
        {
            { IsNull: true } => null,
            { IsString: true } value => value.AsString,
            _ => throw Wrong(field, "a string or null"),
        };

    public static double Double(BsonDocument doc, string field) =>
        Field(doc, field) is { IsDouble: true } value ? value.AsDouble : throw Wrong(field, "a double");

    public static double? NullableDouble(BsonDocument doc, string field) =>
        Field(doc, field) switch
        {
            { IsNull: true } => null,
            { IsDouble: true } value => value.AsDouble,
            _ => throw Wrong(field, "a double or null"),
        };

    public static int Int32(BsonDocument doc, string field) =>
        Field(doc, field) is { IsInt32: true } value ? value.AsInt32 : throw Wrong(field, "an int32");

    public static long Int64(BsonDocument doc, string field) =>
        Field(doc, field) is { IsInt64: true } value ? value.AsInt64 : throw Wrong(field, "an int64");

    public static long? NullableInt64(BsonDocument doc, string field) =>
        Field(doc, field) switch
        {
            { IsNull: true } => null,
            { IsInt64: true } value => value.AsInt64,
            _ => throw Wrong(field, "an int64 or null"),
        };

    public static bool Boolean(BsonDocument doc, string field) =>
        Field(doc, field) is { IsBoolean: true } value ? value.AsBoolean : throw Wrong(field, "a boolean");

    public static byte[] Binary(BsonDocument doc, string field) =>
        Field(doc, field) is { IsBinary: true } value ? value.AsBinary : throw Wrong(field, "binary");

    public static BsonDocument Document(BsonDocument doc, string field) =>
        Field(doc, field) is { IsDocument: true } value ? value.AsDocument : throw Wrong(field, "a document");

    public static BsonArray Array(BsonDocument doc, string field) =>
        Field(doc, field) is { IsArray: true } value ? value.AsArray : throw Wrong(field, "an array");

    private static BsonValue Field(BsonDocument doc, string field) =>
        doc.TryGetValue(field, out var value) && value is not null ? value : BsonValue.Null;

    private static FormatException Wrong(string field, string expected) =>
        new($"field '{field}' is not {expected}");
}
