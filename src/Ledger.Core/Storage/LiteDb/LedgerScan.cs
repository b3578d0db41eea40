using System.Text;
using Ledger.Core.Diagnostics;
using LiteDB;

namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// Reads a ledger file's records to find damage: every record, for `ledger verify` (<see cref="FindDamage"/>), or the two
/// ends of every collection, as the probe a file passes before any call may write it (<see cref="Probe"/>). Each record
/// is decoded as the ledger reads it, so what a scan calls sound the verbs can read.
/// </summary>
internal static class LedgerScan
{
    /// <summary>Whether an exception thrown while reading the file means the file is damaged (as opposed to a fault of the disk or of the caller).</summary>
    public static bool IsDamage(Exception e) => e is LiteException or FormatException or DecoderFallbackException or InvalidCastException
        or IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException or NullReferenceException or EndOfStreamException
        or KeyNotFoundException or InvalidDataException;

    /// <summary>What the damage is, in words.</summary>
    public static string Describe(Exception e) => e switch
    {
        DecoderFallbackException => "a stored string is not valid UTF-8",
        LiteException or FormatException => e.Message,
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    /// <summary>
    /// The first and last record of every collection, decoded, the first and last key of every index, and no collection
    /// Ledger does not write: a few pages, whatever the ledger's size. A full read of a 10,000-run ledger took 2 s here,
    /// four times a whole rerun of `ledger append`, so a writer does not pay it on every call: `ledger verify` does.
    /// </summary>
    /// <exception cref="FormatException">A foreign collection.</exception>
    public static void Probe(LiteDatabase db)
    {
        var names = CollectionNames(db);
        foreach (var name in names)
        {
            var collection = db.GetCollection(name);
            var first = collection.Find(Query.All("_id", Query.Ascending), limit: 1).SingleOrDefault();
            var last = collection.Find(Query.All("_id", Query.Descending), limit: 1).SingleOrDefault();
            // A collection of one record (a ledger's first snapshot, of 10,000 runs) is decoded once.
            foreach (var document in new[] { first, last }.OfType<BsonDocument>().DistinctBy(d => d["_id"]))
                Decode(db, name, document);
        }
        foreach (var (collection, _, field) in LedgerSchema.Indexes.Where(index => names.Contains(index.Collection)))
        {
            foreach (var order in new[] { Query.Ascending, Query.Descending })
                _ = db.GetCollection(collection).Query().OrderBy($"$.{field}", order).Select($"$.{field}").Limit(1).ToList();
        }
    }

    /// <summary>Every record that cannot be read or contradicts itself; empty for a sound ledger.</summary>
    public static IReadOnlyList<LedgerDamage> FindDamage(LiteDatabase db)
    {
        var damage = new List<LedgerDamage>();
        IReadOnlyList<string> present;
        try
        {
            present = db.GetCollectionNames().ToList();
        }
        catch (Exception e) when (IsDamage(e))
        {
            return [new LedgerDamage("the list of collections", Describe(e))];
        }
        damage.AddRange(present.Where(name => !LedgerSchema.AllCollections.Contains(name))
            .Select(name => new LedgerDamage($"collection {name}", "Ledger never writes such a collection")));

        var runs = new HashSet<string>(StringComparer.Ordinal);
        var snapshots = new List<Snapshot>();
        foreach (var name in LedgerSchema.AllCollections.Where(present.Contains))
        {
            var collection = db.GetCollection(name);
            List<BsonValue> ids;
            try
            {
                // Only the _id index is read (LiteDB answers a query for the key alone from the index), so one damaged record does not hide the others.
                ids = collection.Query().Select("$._id").ToEnumerable().Select(row => row.Values.Single()).ToList();
            }
            catch (Exception e) when (IsDamage(e))
            {
                damage.Add(new LedgerDamage($"collection {name}", $"its index of records cannot be read ({Describe(e)})"));
                continue;
            }
            if (name == LedgerSchema.Runs)
                runs.UnionWith(ids.Where(id => id.IsString).Select(id => id.AsString));
            foreach (var (_, index, field) in LedgerSchema.Indexes.Where(index => index.Collection == name))
            {
                try
                {
                    // Every key of the index, read from the index alone.
                    _ = collection.Query().Select($"$.{field}").ToEnumerable().Count();
                }
                catch (Exception e) when (IsDamage(e))
                {
                    damage.Add(new LedgerDamage($"collection {name}", $"its index '{index}' cannot be read ({Describe(e)})"));
                }
            }
            foreach (var id in ids)
            {
                try
                {
                    var document = collection.FindById(id) ?? throw new FormatException("it is in the collection's index but cannot be found");
                    Decode(db, name, document, thorough: true);
                    if (name == LedgerSchema.Snapshots)
                        snapshots.Add(LedgerDocuments.ToSnapshot(document));
                }
                catch (Exception e) when (IsDamage(e))
                {
                    damage.Add(new LedgerDamage($"{name} {id.RawValue}", Describe(e)));
                }
            }
        }
        damage.AddRange(snapshots.SelectMany(snapshot => snapshot.Recipes
            .SelectMany(recipe => recipe.Value.Where(digest => !runs.Contains(digest))
                .Select(digest => new LedgerDamage($"snapshots {snapshot.Id}", $"recipe '{recipe.Key}' names run {digest}, which the ledger does not hold")))));
        return damage;
    }

    private static List<string> CollectionNames(LiteDatabase db)
    {
        var names = db.GetCollectionNames().ToList();
        if (names.FirstOrDefault(name => !LedgerSchema.AllCollections.Contains(name)) is { } foreign)
            throw new FormatException($"it holds a collection '{foreign}' that Ledger never writes");
        return names;
    }

    /// <summary>Decodes a record as the ledger's reads do; throws what they would throw.</summary>
    /// <param name="thorough">Verify's check, beyond the open's probe: digests against contents, summaries against fits, gate documents read.</param>
    private static void Decode(LiteDatabase db, string collection, BsonDocument document, bool thorough = false)
    {
        switch (collection)
        {
            case LedgerSchema.Meta:
                BsonRead.Int32(document, "version");
                break;
            case LedgerSchema.Runs:
                var run = LedgerDocuments.ToRun(document, LiteDbLedgerStore.PointChunks(db));
                if (thorough && RunDigest.Compute(run) != run.Digest)
                    throw new FormatException("its recipe, compute mapping or points no longer match its digest: it was changed on disk");
                break;
            case LedgerSchema.RunPoints:
                BsonRead.Binary(document, "bytes");
                break;
            case LedgerSchema.Snapshots:
                // Read once and checked against its run sets: a check's snapshot lists 10,000 runs.
                if (!LedgerDocuments.RunSetsMatchRuns(document, LedgerDocuments.ToSnapshot(document).Recipes))
                    throw new FormatException("its run sets are not those of its runs: it was changed on disk");
                break;
            case LedgerSchema.Fits:
                LedgerDocuments.ToFit(document);
                break;
            case LedgerSchema.FitSummaries:
                if (thorough)
                    FitSummaryDocuments.CheckAgainstFits(document, db.GetCollection(LedgerSchema.Fits));
                else
                    FitSummaryDocuments.Read(document);
                break;
            case LedgerSchema.Verdicts:
                LedgerDocuments.ToVerdict(document);
                break;
            case LedgerSchema.Gates:
                // The open's probe leaves the document's JSON to the report that reads it: a gate of many recipes is long.
                if (LedgerDocuments.ToGateSummary(document).Document is { } gate && thorough)
                    GateDocumentCheck.Check(gate);
                break;
            case LedgerSchema.ReadFiles:
                _ = LedgerDocuments.ToReadFiles(document).Count();
                break;
            case LedgerSchema.GateFacts:
                LedgerDocuments.ToGateFacts(document);
                break;
        }
    }
}
