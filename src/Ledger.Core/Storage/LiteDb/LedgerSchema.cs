using LiteDB;

namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// The layout of a ledger file, version <see cref="CurrentVersion"/>. Collections: <c>meta</c> (one document
/// <c>{_id: "schema", version}</c>); <c>runs</c> (_id = run digest; points as one binary blob per run);
/// <c>snapshots</c>, <c>fits</c> and <c>verdicts</c> (_id = increasing Int64, so id order is append order).
/// Field by field in <see cref="LedgerDocuments"/>.
/// <para>
/// <c>readFiles</c> (_id = increasing Int64; each document a batch of <see cref="ReadFileRecord"/>s) and
/// <c>gateFacts</c> (_id = "snapshot id/sequence", both zero-padded, so a prefix seek finds a snapshot's latest) came
/// later without a version change, on purpose: they are caches that only spare a rerun work, a version that does not
/// know them ignores them and stays correct, and nothing such a version writes can make an entry wrong (each maps
/// immutable inputs, a file's state or a set of content-addressed runs, to what they produced). A file without these
/// collections simply has nothing cached.
/// </para>
/// </summary>
internal static class LedgerSchema
{
    /// <summary>Raise when the layout changes; a file with a higher version is refused rather than misread.</summary>
    public const int CurrentVersion = 1;

    public const string Meta = "meta";
    public const string Runs = "runs";
    public const string Snapshots = "snapshots";
    public const string Fits = "fits";
    public const string Verdicts = "verdicts";
    public const string Gates = "gates";
    public const string ReadFiles = "readFiles";
    public const string GateFacts = "gateFacts";

    public const string SchemaDocumentId = "schema";

    /// <summary>Collections in the order a dump lists them.</summary>
    public static readonly IReadOnlyList<string> AllCollections = [Meta, Runs, Snapshots, Fits, Verdicts, Gates, ReadFiles, GateFacts];

    /// <summary>Creates the indexes the queries of <see cref="LiteDbLedgerStore"/> use (run digests are the primary key).</summary>
    public static void EnsureIndexes(LiteDatabase db)
    {
        db.GetCollection(Runs).EnsureIndex("recipe", "$.recipe");
        db.GetCollection(Snapshots).EnsureIndex("commit", "$.commit");
        db.GetCollection(Snapshots).EnsureIndex("branch", "$.branch");
        db.GetCollection(Fits).EnsureIndex("inputDigest", "$.inputDigest");
        db.GetCollection(Fits).EnsureIndex("snapshotId", "$.snapshotId");
        db.GetCollection(Verdicts).EnsureIndex("snapshotId", "$.snapshotId");
        db.GetCollection(Gates).EnsureIndex("snapshotId", "$.snapshotId");
    }
}
