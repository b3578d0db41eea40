using LiteDB;

namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// The <c>fitSummaries</c> collection: beside the fit documents a call records on a snapshot, one document (or a few, for
/// many fits) holding each of those fits' identity and summary (<see cref="FitSummaryText"/>):
/// <c>{ _id, snapshotId, count, fits: binary }</c>, the fits' identities and summaries laid out by
/// <see cref="FitSummaryEncoding"/>. A reader of A along a branch reads a
/// snapshot's 1,000 current fits from one document of about 1.5 MB: LiteDB decodes a fit document whole, about 20 us
/// each with its payload, and the same entries as 1,000 small documents in an array cost it 10-20 us each; one binary
/// value is read as one copy of its bytes.
/// </summary>
/// <remarks>
/// A snapshot's summaries hold every fit recorded on it, or the snapshot has none: they are written only for a snapshot
/// with no fit yet or with summaries already, and a file holds them from version 4 on (<see cref="LedgerSchema"/>), which
/// an older Ledger refuses rather than add fits without them. A snapshot fitted before has none and is read from its fit
/// documents; `ledger import` writes them (<see cref="ImportedFits"/>).
/// </remarks>
internal static class FitSummaryDocuments
{
    /// <summary>Summaries per document, and their bytes, bounded so a document stays far below LiteDB's 16 MB limit.</summary>
    private const int EntriesPerDocument = 1_000;

    private const int BytesPerDocument = 4_000_000;

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
        var (chunk, bytes) = (new List<(FitIdentity, byte[])>(), 0);
        foreach (var (document, fit) in inserted)
        {
            if (chunk.Count == EntriesPerDocument || (chunk.Count > 0 && bytes > BytesPerDocument))
            {
                written.Insert(collection, Document(snapshotId, chunk));
                (chunk, bytes) = ([], 0);
            }
            var summary = FitSummaryText.Of(fit.PayloadJson);
            chunk.Add((new FitIdentity(BsonRead.Int64(document, "_id"), fit.Recipe, fit.Model, fit.OptionsDigest, fit.FitterVersion, fit.InputDigest), summary));
            bytes += summary.Length;
        }
        written.Insert(collection, Document(snapshotId, chunk));
    }

    /// <summary>
    /// The current fits of <paramref name="recipes"/> on a snapshot (the latest of each recipe and model, ordered by recipe
    /// then model) with the summaries of those made as <paramref name="origin"/> says (none when it is null); null when the
    /// snapshot has no summaries.
    /// </summary>
    public static List<IdentifiedSummary>? Current(ILiteCollection<BsonDocument> summaries, long snapshotId, IReadOnlySet<string> recipes, FitOrigin? origin,
        NamePool names)
    {
        var latest = new Dictionary<(string Recipe, string Model), (FitIdentity Identity, byte[] Bytes, Range Summary)>();
        var any = false;
        foreach (var document in summaries.Find(FieldQuery.Equal("snapshotId", snapshotId)))
        {
            any = true;
            var bytes = BsonRead.Binary(document, "fits");
            foreach (var (identity, summary) in FitSummaryEncoding.Decode(bytes, BsonRead.Int32(document, "count"), names))
            {
                if (recipes.Contains(identity.Recipe)
                    && (!latest.TryGetValue((identity.Recipe, identity.Model), out var seen) || seen.Identity.Sequence < identity.Sequence))
                {
                    latest[(identity.Recipe, identity.Model)] = (identity, bytes, summary);
                }
            }
        }
        return any
            ? [.. latest.OrderBy(e => e.Key.Recipe, StringComparer.Ordinal).ThenBy(e => e.Key.Model, StringComparer.Ordinal)
                .Select(e => new IdentifiedSummary(e.Value.Identity, origin is not null && origin.Made(e.Value.Identity) ? (ReadOnlyMemory<byte>?)e.Value.Bytes.AsMemory(e.Value.Summary) : null))]
            : null;
    }

    /// <summary>A summaries document's snapshot and entries, as the reads decode them.</summary>
    /// <exception cref="FormatException">A field is missing or of the wrong type.</exception>
    public static (long SnapshotId, IReadOnlyList<(FitIdentity Identity, byte[] Summary)> Entries) Read(BsonDocument document) =>
        (BsonRead.Int64(document, "snapshotId"), Entries(document));

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
            if (FitDocuments.Identified(fits.FindById(identity.Sequence), snapshotId, identity) is not { } fit
                || !FitSummaryText.Of(fit.PayloadJson).AsSpan().SequenceEqual(summary))
            {
                throw new FormatException($"its summary of fit {identity.Sequence} is not that fit's of snapshot {snapshotId}: one of them was changed on disk");
            }
        }
    }

    private static List<(FitIdentity Identity, byte[] Summary)> Entries(BsonDocument document)
    {
        var bytes = BsonRead.Binary(document, "fits");
        return [.. FitSummaryEncoding.Decode(bytes, BsonRead.Int32(document, "count"), new NamePool()).Select(entry => (entry.Identity, bytes[entry.Summary]))];
    }

    private static BsonDocument Document(long snapshotId, List<(FitIdentity, byte[])> entries) =>
        new() { ["snapshotId"] = snapshotId, ["count"] = entries.Count, ["fits"] = FitSummaryEncoding.Encode(entries) };
}
