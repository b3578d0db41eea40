using LiteDB;

namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// The <c>fitSummaries</c> collection: beside the fit documents a call records on a snapshot, one document (or a few, for
/// many fits) holding each of those fits' identity and summary (<see cref="FitSummaryText"/>):
/// <c>{ _id, snapshotId, fits: [ { _id: the fit document's _id, recipe, model, optionsDigest, fitterVersion, inputDigest, summary } ] }</c>.
/// A reader of A along a branch reads a snapshot's 1,000 current fits from one document of about 1 MB, where the fit
/// documents cost LiteDB about 10 us and 9 KB each to decode whichever of their fields are asked for.
/// </summary>
/// <remarks>
/// A snapshot's summaries hold every fit recorded on it, or the snapshot has none: they are written only for a snapshot
/// with no fit yet or with summaries already, and a file holds them from version 4 on (<see cref="LedgerSchema"/>), which
/// an older Ledger refuses rather than add fits without them. A snapshot fitted before, or filled by `ledger import`, has
/// none and is read from its fit documents.
/// </remarks>
internal static class FitSummaryDocuments
{
    /// <summary>Summaries per document, and their text's length, bounded so a document stays far below LiteDB's 16 MB limit.</summary>
    private const int EntriesPerDocument = 1_000;

    private const int CharactersPerDocument = 2_000_000;

    /// <summary>
    /// Records the summaries of the fit documents a call has just inserted on a snapshot (with their ids), in the same
    /// transaction, unless the snapshot's earlier fits have none.
    /// </summary>
    /// <param name="hadFits">Whether the snapshot held fits before this call.</param>
    public static void Record(LiteDatabase db, WrittenDocuments written, long snapshotId, bool hadFits, IReadOnlyList<(BsonDocument Document, StoredFit Fit)> inserted)
    {
        if (inserted.Count == 0)
            return;
        var collection = db.GetCollection(LedgerSchema.FitSummaries, BsonAutoId.Int64);
        if (hadFits && !collection.Exists(FieldQuery.Equal("snapshotId", snapshotId)))
            return;
        LedgerSchema.RequireVersion(db, LedgerSchema.FitSummariesVersion);
        // A file made before version 4 has no such index yet; LiteDB makes it once and then finds it there.
        collection.EnsureIndex("snapshotId", "$.snapshotId");
        var entries = inserted.Select(f => Entry(BsonRead.Int64(f.Document, "_id"), f.Fit)).ToList();
        var (chunk, characters) = (new BsonArray(), 0);
        foreach (var (entry, length) in entries)
        {
            if (chunk.Count == EntriesPerDocument || (chunk.Count > 0 && characters + length > CharactersPerDocument))
            {
                written.Insert(collection, Document(snapshotId, chunk));
                (chunk, characters) = (new BsonArray(), 0);
            }
            chunk.Add(entry);
            characters += length;
        }
        written.Insert(collection, Document(snapshotId, chunk));
    }

    /// <summary>
    /// The current fits of <paramref name="recipes"/> on a snapshot (the latest of each recipe and model, ordered by recipe
    /// then model) with the summaries of those made as <paramref name="origin"/> says; null when the snapshot has no summaries.
    /// </summary>
    public static List<IdentifiedSummary>? Current(ILiteCollection<BsonDocument> summaries, long snapshotId, IReadOnlySet<string> recipes, FitOrigin origin)
    {
        var latest = new Dictionary<(string Recipe, string Model), (FitIdentity Identity, string Summary)>();
        var any = false;
        foreach (var document in summaries.Find(FieldQuery.Equal("snapshotId", snapshotId)))
        {
            any = true;
            foreach (var (identity, summary) in Entries(document))
            {
                if (recipes.Contains(identity.Recipe)
                    && (!latest.TryGetValue((identity.Recipe, identity.Model), out var seen) || seen.Identity.Sequence < identity.Sequence))
                {
                    latest[(identity.Recipe, identity.Model)] = (identity, summary);
                }
            }
        }
        return any
            ? [.. latest.OrderBy(e => e.Key.Recipe, StringComparer.Ordinal).ThenBy(e => e.Key.Model, StringComparer.Ordinal)
                .Select(e => new IdentifiedSummary(e.Value.Identity, origin.Made(e.Value.Identity) ? e.Value.Summary : null))]
            : null;
    }

    /// <summary>A summaries document's snapshot and entries, as the reads decode them.</summary>
    /// <exception cref="FormatException">A field is missing or of the wrong type.</exception>
    public static (long SnapshotId, IReadOnlyList<(FitIdentity Identity, string Summary)> Entries) Read(BsonDocument document) =>
        (BsonRead.Int64(document, "snapshotId"), Entries(document).ToList());

    /// <summary>
    /// Checks a summaries document against the fit documents it summarises: each is there, on the same snapshot, with the
    /// same identity, and summarised to the same text.
    /// </summary>
    /// <exception cref="FormatException">It does not match them: one of them was changed on disk.</exception>
    public static void CheckAgainstFits(BsonDocument document, ILiteCollection<BsonDocument> fits)
    {
        var (snapshotId, entries) = Read(document);
        foreach (var (identity, summary) in entries)
        {
            var fit = fits.FindById(identity.Sequence) is { } found && BsonRead.Int64(found, "snapshotId") == snapshotId ? LedgerDocuments.ToFit(found) : null;
            if (fit is null || (fit.Recipe, fit.Model, fit.OptionsDigest, fit.FitterVersion, fit.InputDigest)
                    != (identity.Recipe, identity.Model, identity.OptionsDigest, identity.FitterVersion, identity.InputDigest)
                || FitSummaryText.Of(fit.PayloadJson) != summary)
            {
                throw new FormatException($"its summary of fit {identity.Sequence} is not that fit's of snapshot {snapshotId}: one of them was changed on disk");
            }
        }
    }

    private static IEnumerable<(FitIdentity Identity, string Summary)> Entries(BsonDocument document) =>
        BsonRead.Array(document, "fits").Select(value => value.IsDocument ? value.AsDocument : throw new FormatException("a fit summary is not a document"))
            .Select(entry => (new FitIdentity(BsonRead.Int64(entry, "_id"), BsonRead.String(entry, "recipe"), BsonRead.String(entry, "model"),
                BsonRead.String(entry, "optionsDigest"), BsonRead.String(entry, "fitterVersion"), BsonRead.String(entry, "inputDigest")),
                BsonRead.String(entry, "summary")));

    private static (BsonDocument Entry, int Length) Entry(long sequence, StoredFit fit)
    {
        var summary = FitSummaryText.Of(fit.PayloadJson);
        return (new BsonDocument
        {
            ["_id"] = sequence,
            ["recipe"] = fit.Recipe,
            ["model"] = fit.Model,
            ["optionsDigest"] = fit.OptionsDigest,
            ["fitterVersion"] = fit.FitterVersion,
            ["inputDigest"] = fit.InputDigest,
            ["summary"] = summary,
        }, summary.Length);
    }

    private static BsonDocument Document(long snapshotId, BsonArray fits) => new() { ["snapshotId"] = snapshotId, ["fits"] = fits };
}
