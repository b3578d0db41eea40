using Ledger.Core.Diagnostics;
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
/// collections simply has nothing cached. A <c>readFiles</c> document names the scope of its records' keys in an indexed
/// <c>scope</c> field (a version that does not know it ignores it; a document without it is read only by a lookup of
/// unscoped keys).
/// </para>
/// <para>
/// Version 2 adds <c>runPoints</c>: a run whose point blob is larger than one document may hold (LiteDB's limit is about
/// 16 MB) keeps it in chunks there (_id = "run digest/chunk number"), and its run document says how many instead of
/// holding the blob. A file becomes version 2 only with its first such run, so that an older Ledger refuses it as newer
/// (LEDGER403) rather than misreading a run without points; files without one stay version 1, readable by both.
/// </para>
/// <para>
/// Version 3 adds <c>runSets</c> to a snapshot document, before its <c>recipes</c>: each recipe's <see cref="RunSet"/>,
/// which `ledger changes` and the gate's drift read instead of the runs' digests. A file becomes version 3 with the first
/// snapshot written with them, so that an older Ledger refuses it (LEDGER403) rather than adding runs to a snapshot and
/// leaving its run sets stale. A snapshot of an older version has none until it grows; they are computed from its runs
/// when read.
/// </para>
/// <para>
/// Version 4 adds <c>fitSummaries</c> (_id = increasing Int64): with the fits a call records on a snapshot, their
/// identities and summaries in one document (<see cref="FitSummaryDocuments"/>), which `ledger changes` and the gate's
/// drift read instead of the fit documents. A file becomes version 4 with the first of them, so that an older Ledger
/// refuses it (LEDGER403) rather than record fits without their summaries, which a reader would then miss. A snapshot
/// fitted before has none and is read from its fit documents.
/// </para>
/// <para>
/// Version 5 keeps a gate's record in <c>gates</c> as its ledger.gate/1 document (<c>gate</c>), from which the report
/// renders summary.md, instead of the Markdown the gate printed (<c>markdown</c>, which older gates keep and are read
/// by). A file becomes version 5 with the first such document, so that an older Ledger refuses it (LEDGER403) rather than
/// take a gate record without Markdown for damage.
/// </para>
/// </summary>
internal static class LedgerSchema
{
    /// <summary>Raise when the layout changes; a file with a higher version is refused rather than misread.</summary>
    public const int CurrentVersion = 5;

    /// <summary>The version a new ledger is written with: the oldest that holds what it holds.</summary>
    public const int FirstVersion = 1;

    /// <summary>The version that holds runs split across documents (<see cref="RunPoints"/>).</summary>
    public const int SplitRunsVersion = 2;

    /// <summary>The version whose snapshots hold their recipes' run sets.</summary>
    public const int RunSetsVersion = 3;

    /// <summary>The version that keeps summaries of the fits beside them (<see cref="FitSummaries"/>).</summary>
    public const int FitSummariesVersion = 4;

    /// <summary>The version whose gate records are the gates' documents, not their Markdown.</summary>
    public const int GateDocumentsVersion = 5;

    public const string Meta = "meta";
    public const string Runs = "runs";
    public const string Snapshots = "snapshots";
    public const string Fits = "fits";
    public const string FitSummaries = "fitSummaries";
    public const string Verdicts = "verdicts";
    public const string Gates = "gates";
    public const string ReadFiles = "readFiles";
    public const string GateFacts = "gateFacts";
    public const string RunPoints = "runPoints";

    public const string SchemaDocumentId = "schema";

    /// <summary>Collections in the order a dump lists them.</summary>
    public static readonly IReadOnlyList<string> AllCollections = [Meta, Runs, RunPoints, Snapshots, Fits, FitSummaries, Verdicts, Gates, ReadFiles, GateFacts];

    /// <summary>
    /// The file's schema version; null for a LiteDB file with nothing in it yet (a ledger whose first append was stopped
    /// before it committed), which a writer may make a ledger of.
    /// </summary>
    /// <exception cref="LedgerUnavailableException">LEDGER402 another application's LiteDB file, or a version never written; LEDGER403 a newer version.</exception>
    public static int? Version(LiteDatabase db, string displayPath)
    {
        var schema = db.GetCollection(Meta).FindById(SchemaDocumentId);
        if (schema is null)
        {
            return db.GetCollectionNames().Any()
                ? throw LedgerUnavailableException.Damaged(displayPath, "it is a LiteDB file without a Ledger schema version")
                : null;
        }
        var version = BsonRead.Int32(schema, "version");
        if (version > CurrentVersion)
            throw LedgerUnavailableException.NewerSchema(displayPath, version, CurrentVersion);
        if (version < FirstVersion)
            throw LedgerUnavailableException.Damaged(displayPath, $"its schema version {version} is not a version Ledger ever wrote");
        return version;
    }

    /// <summary>Checks the schema inside a write transaction, and writes the first one into a file that has none yet.</summary>
    public static void Ensure(LiteDatabase db, string displayPath)
    {
        if (Version(db, displayPath) is not null)
            return;
        db.GetCollection(Meta).Insert(new BsonDocument { ["_id"] = SchemaDocumentId, ["version"] = FirstVersion });
        EnsureIndexes(db);
    }

    /// <summary>Raises the file's version to <paramref name="version"/> (inside the write that needs it) when it is lower.</summary>
    public static void RequireVersion(LiteDatabase db, int version)
    {
        var meta = db.GetCollection(Meta);
        if (BsonRead.Int32(meta.FindById(SchemaDocumentId), "version") < version)
            meta.Update(new BsonDocument { ["_id"] = SchemaDocumentId, ["version"] = version });
    }

    /// <summary>The indexes the queries of <see cref="LiteDbLedgerStore"/> use (run digests are the primary key): collection, index name, field.</summary>
    public static readonly IReadOnlyList<(string Collection, string Name, string Field)> Indexes =
    [
        (Runs, "recipe", "recipe"),
        (Snapshots, "commit", "commit"),
        (Snapshots, "branch", "branch"),
        (Fits, "inputDigest", "inputDigest"),
        (Fits, "snapshotId", "snapshotId"),
        (FitSummaries, "snapshotId", "snapshotId"),
        (Verdicts, "snapshotId", "snapshotId"),
        (Gates, "snapshotId", "snapshotId"),
        (ReadFiles, "scope", "scope"),
    ];

    /// <summary>Creates <see cref="Indexes"/>.</summary>
    public static void EnsureIndexes(LiteDatabase db)
    {
        foreach (var (collection, name, field) in Indexes)
            db.GetCollection(collection).EnsureIndex(name, $"$.{field}");
    }
}
