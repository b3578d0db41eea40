using LiteDB;

namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// The fits an import writes, with their summaries (<see cref="FitSummaryDocuments"/>) as the calls that recorded them
/// wrote them: an export lists fits in record order, and a run of consecutive fits of one snapshot is one call's, so each
/// run is summarised once it ends. An imported ledger reads as fast as the one exported, and only one run's fits are held.
/// </summary>
internal sealed class ImportedFits(LiteDatabase db, WrittenDocuments written)
{
    private readonly ILiteCollection<BsonDocument> _fits = db.GetCollection(LedgerSchema.Fits, BsonAutoId.Int64);
    private readonly HashSet<long> _summarised = [];
    private readonly List<(BsonDocument Document, StoredFit Fit)> _run = [];
    private long _snapshotId;

    public void Insert(FitEntry entry)
    {
        if (_run.Count > 0 && entry.SnapshotId != _snapshotId)
            Summarise();
        _snapshotId = entry.SnapshotId;
        var document = LedgerDocuments.FromFit(entry.SnapshotId, entry.Fit);
        written.Insert(_fits, document);
        _run.Add((document, entry.Fit));
    }

    /// <summary>Summarises the run of fits inserted since the last call, if any.</summary>
    public void Summarise()
    {
        if (_run.Count == 0)
            return;
        FitSummaryDocuments.Record(db, written, _snapshotId, hadFits: !_summarised.Add(_snapshotId), _run);
        _run.Clear();
    }
}
