using LiteDB;

namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// The documents one write call inserts or replaces, so that the call can look for them in the file once it is closed:
/// the last of each collection. A transaction is all or nothing, so finding those finds the transaction; reading back
/// every run of a 10,000-run append would read the whole append again.
/// </summary>
internal sealed class WrittenDocuments
{
    private readonly Dictionary<string, BsonDocument> _last = new(StringComparer.Ordinal);

    public void Insert(ILiteCollection<BsonDocument> collection, BsonDocument document)
    {
        collection.Insert(document);
        _last[collection.Name] = document;
    }

    public void Update(ILiteCollection<BsonDocument> collection, BsonDocument document)
    {
        collection.Update(document);
        _last[collection.Name] = document;
    }

    /// <summary>Null when every document reads back equal to what was written; else the first that does not.</summary>
    public string? Missing(LiteDatabase db) => _last
        .Where(entry => db.GetCollection(entry.Key).FindById(entry.Value["_id"]) is not { } stored || stored != entry.Value)
        .Select(entry => $"the {entry.Key} record {entry.Value["_id"]} it wrote")
        .FirstOrDefault();
}
