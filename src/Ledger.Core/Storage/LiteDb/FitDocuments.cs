using LiteDB;

namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// Fit documents by id, and the check that one is the fit a snapshot's summaries name. A snapshot's fits are recorded
/// in one transaction, so their ids run together: read as ranges of the id index they cost a quarter of a look-up each
/// (1,000 fits of one snapshot, on a fresh engine: 25-39 ms against 100-137 ms).
/// </summary>
internal static class FitDocuments
{
    /// <summary>
    /// Ids further apart than this start a new range: the fits read between two wanted ones (other snapshots', recorded
    /// in between) are fewer than the look-ups a new range saves.
    /// </summary>
    private const long LargestGap = 16;

    /// <summary>
    /// The fit a snapshot's summaries name, when <paramref name="document"/> is that fit: on the same snapshot, with the
    /// same recipe, model, options, fitter and input. Null otherwise (damage): no fit is ever read in another's place.
    /// </summary>
    /// <param name="document">The fits' document of the identity's id, or null when there is none.</param>
    public static StoredFit? Identified(BsonDocument? document, long snapshotId, FitIdentity identity)
    {
        var fit = document is not null && BsonRead.Int64(document, "snapshotId") == snapshotId ? LedgerDocuments.ToFit(document) : null;
        return fit is not null && (fit.Recipe, fit.Model, fit.OptionsDigest, fit.FitterVersion, fit.InputDigest)
            == (identity.Recipe, identity.Model, identity.OptionsDigest, identity.FitterVersion, identity.InputDigest)
                ? fit
                : null;
    }

    /// <summary>The documents of these ids, by id; an id with no document is absent.</summary>
    public static Dictionary<long, BsonDocument> ById(ILiteCollection<BsonDocument> fits, IEnumerable<long> ids)
    {
        var wanted = ids.Distinct().Order().ToList();
        var found = new Dictionary<long, BsonDocument>(wanted.Count);
        var start = 0;
        for (var i = 1; i <= wanted.Count; i++)
        {
            if (i < wanted.Count && wanted[i] - wanted[i - 1] <= LargestGap)
                continue;
            var (first, last) = (wanted[start], wanted[i - 1]);
            // The ends are parameters, so LiteDB compiles the query once: LiteDB's Query.Between writes them into its text,
            // which was compiled anew for every range (thousands in a 1,000-snapshot report).
            foreach (var document in fits.Find(FieldQuery.Between("_id", first, last)))
            {
                var id = BsonRead.Int64(document, "_id");
                if (wanted.BinarySearch(id) >= 0)
                    found[id] = document;
            }
            start = i;
        }
        return found;
    }
}
