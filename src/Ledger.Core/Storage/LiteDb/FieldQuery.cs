using LiteDB;

namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// Equality and range queries that pass the value as a parameter. LiteDB's <c>Query.EQ</c> writes the value into the
/// expression's text, and LiteDB parses and compiles (to a System.Linq.Expressions delegate) each distinct text once
/// per process and keeps it forever: a fresh `ledger report` of 1,000 snapshots compiled thousands of expressions,
/// one per snapshot id and collection. With the value as a parameter the text is the same for every value, so it is
/// compiled once, and LiteDB still seeks the field's index with it.
/// </summary>
internal static class FieldQuery
{
    /// <param name="field">One of the schema's field names, never user text.</param>
    public static BsonExpression Equal(string field, BsonValue value) => BsonExpression.Create($"$.{field} = @0", value);

    /// <summary>The values from <paramref name="first"/> to <paramref name="last"/>, both included: one text for every range, as <see cref="Equal"/>.</summary>
    /// <param name="field">One of the schema's field names, never user text.</param>
    public static BsonExpression Between(string field, BsonValue first, BsonValue last) => BsonExpression.Create($"$.{field} BETWEEN @0 AND @1", first, last);
}
