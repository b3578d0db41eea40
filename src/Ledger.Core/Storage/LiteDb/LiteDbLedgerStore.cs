using Ledger.Core.Diagnostics;
using LiteDB;

namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// The ledger in one embedded LiteDB file: the default store, for a single repository's CI.
/// </summary>
/// <remarks>
/// Every call holds the file's <see cref="LedgerFileLock"/>, looks at the file (<see cref="LedgerFileProbe"/>), and opens
/// LiteDB for that call alone (<see cref="LiteDbCall"/>): reads on an engine that cannot write, each write in one
/// transaction that is on the disk and read back before the call returns. Between calls the file is closed, so parallel
/// CI jobs take turns. LiteDB's own shared mode did the same per call but named its lock after the path as written and
/// lost its writer thread's errors; its default direct mode was measured to lose most writes, or corrupt the file, when
/// several processes write at once (DESIGN.md section 3).
/// </remarks>
public sealed class LiteDbLedgerStore : ILedgerStore
{
    /// <summary>What identifies a fit document (<see cref="FitIdentity"/>): the fields before its parameters and payload.</summary>
    private static readonly BsonExpression FitIdentityFields = BsonExpression.Create(
        "{ _id: $._id, recipe: $.recipe, model: $.model, optionsDigest: $.optionsDigest, fitterVersion: $.fitterVersion, inputDigest: $.inputDigest }");

    /// <summary>A fit document's identity (<see cref="FitIdentityFields"/>) and payload, without its parameters.</summary>
    private static readonly BsonExpression FitIdentityAndPayloadFields = BsonExpression.Create(
        "{ _id: $._id, recipe: $.recipe, model: $.model, optionsDigest: $.optionsDigest, fitterVersion: $.fitterVersion, inputDigest: $.inputDigest, " +
        "payloadJson: $.payloadJson }");

    private static readonly BsonExpression FitPayloadFields = BsonExpression.Create("{ _id: $._id, payloadJson: $.payloadJson }");

    private readonly LedgerFiles _files;
    private readonly LedgerFileLock _lock;
    private readonly TimeSpan _lockTimeout;
    private readonly LedgerAccess _access;
    private bool _disposed;

    /// <summary>
    /// The file as it stood when <see cref="ReadTogether{T}"/> took its lock, for the reads of any thread until it lets go:
    /// null when no such reads are under way.
    /// </summary>
    private volatile LedgerFileState? _heldForReads;

    private LiteDbLedgerStore(LedgerFiles files, TimeSpan lockTimeout, LedgerAccess access)
    {
        _files = files;
        _lock = new LedgerFileLock(files);
        _lockTimeout = lockTimeout;
        _access = access;
    }

    /// <summary>
    /// Opens the ledger at <paramref name="path"/> for reading and writing. A missing or empty file becomes a ledger with
    /// the first write (an empty file is what mktemp leaves); until then it reads as an empty ledger and nothing is created.
    /// An existing file is checked, without writing, before this returns.
    /// </summary>
    /// <param name="lockTimeout">How long each call waits for the file lock; default <see cref="LedgerLockTimeout.Default"/> (30 s).</param>
    /// <exception cref="LedgerUnavailableException">
    /// LEDGER401 the path cannot be opened (a folder, a missing folder, no permission); LEDGER402 the file is
    /// damaged or not a ledger; LEDGER403 it was written by a newer schema; LEDGER404 it stayed locked.
    /// </exception>
    public static LiteDbLedgerStore Open(string path, TimeSpan? lockTimeout = null) => Open(path, LedgerAccess.CreateOnWrite, lockTimeout);

    /// <summary>
    /// Opens a ledger that must already exist, to read it and add to it (fit, gate): such a verb must not create a ledger.
    /// </summary>
    /// <exception cref="LedgerUnavailableException">LEDGER401 when there is no file at <paramref name="path"/>, LEDGER402 when it is empty; otherwise as <see cref="Open"/>.</exception>
    public static LiteDbLedgerStore OpenExisting(string path, TimeSpan? lockTimeout = null) => Open(path, LedgerAccess.Existing, lockTimeout);

    /// <summary>
    /// Opens a ledger that must already exist, to read it only: nothing this store does can change the file, and the file
    /// and its folder need not be writable (a file of mode 0444, a read-only mount).
    /// </summary>
    /// <exception cref="LedgerUnavailableException">As <see cref="OpenExisting"/>.</exception>
    public static LiteDbLedgerStore OpenReadOnly(string path, TimeSpan? lockTimeout = null) => Open(path, LedgerAccess.ReadOnly, lockTimeout);

    /// <summary>
    /// Opens the ledger at <paramref name="path"/> if there is one (a non-empty file), else returns null without
    /// creating anything: for an append that wants to consult the ledger before it knows its input is good.
    /// </summary>
    /// <exception cref="LedgerUnavailableException">As <see cref="Open"/>, for a file that is there but cannot be used.</exception>
    public static LiteDbLedgerStore? OpenIfExists(string path, TimeSpan? lockTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        LedgerFiles files;
        try
        {
            files = LedgerFiles.Resolve(path);
        }
        catch (LedgerUnavailableException)
        {
            // No folder, so no ledger: the append reads its logs first, and bad input is reported before a bad path.
            return null;
        }
        var file = new FileInfo(files.Data);
        return file.Exists && file.Length > 0 ? Open(path, lockTimeout) : null;
    }

    /// <summary>Opens the ledger file at <paramref name="path"/> for <paramref name="access"/>: <see cref="LedgerStores"/>' way in.</summary>
    internal static LiteDbLedgerStore Open(string path, LedgerAccess access, TimeSpan? lockTimeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var store = new LiteDbLedgerStore(LedgerFiles.Resolve(path), lockTimeout ?? LedgerLockTimeout.Default, access);
        try
        {
            store.Guard(store.CheckBeforeUse);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The checks a file passes, reading only, before this store may use it: its pages and its schema; and for a store that
    /// may write, a probe of every collection (<see cref="LedgerScan.Probe"/>). A read-only store leaves damage in records
    /// to the reads that meet it, so that `ledger verify` can list it rather than stop at it.
    /// </summary>
    private bool CheckBeforeUse()
    {
        var state = LedgerFileProbe.Check(_files);
        if (state.Kind != LedgerFileKind.Ledger)
        {
            if (_access != LedgerAccess.CreateOnWrite)
                throw Absent(state);
            return true;
        }
        return LiteDbCall.Read(_files, state, db =>
        {
            if (LedgerSchema.Version(db, _files.Display) is null && _access != LedgerAccess.CreateOnWrite)
                throw LedgerUnavailableException.Damaged(_files.Display, "it is a LiteDB file with no ledger in it (an append that created it was stopped before its first commit)");
            if (_access != LedgerAccess.ReadOnly)
                LedgerScan.Probe(db);
            return true;
        });
    }

    /// <inheritdoc />
    public AppendResult AppendFiles(SnapshotDraft draft, IReadOnlyList<AppendSource> sources)
    {
        AppendMerge.Check(draft, sources);
        return Write((db, written) =>
        {
            var runCollection = db.GetCollection(LedgerSchema.Runs);
            var snapshots = db.GetCollection(LedgerSchema.Snapshots, BsonAutoId.Int64);
            var snapshotDoc = snapshots.Find(FieldQuery.Equal("commit", draft.Commit))
                .FirstOrDefault(doc => BsonRead.String(doc, "branch") == draft.Branch);
            var isNewSnapshot = snapshotDoc is null;
            snapshotDoc ??= LedgerDocuments.NewSnapshot(draft);
            var readRuns = AppendMerge.ReadRuns(sources);
            var stored = new List<StoredRun>();
            foreach (var (run, digest) in readRuns)
            {
                // FindById seeks the primary key directly. Exists(Query) plans and runs a query per call: measured at
                // about 1.2 ms a run inside a 10,000-run transaction, 20 times the cost of the seek and most of the append.
                if (runCollection.FindById(digest) is null)
                {
                    var storedRun = StoredRun.FirstSeen(run, digest, draft);
                    InsertRun(db, written, storedRun);
                    stored.Add(storedRun);
                }
            }
            var recipes = new SnapshotRecipes(LedgerDocuments.ToRecipes(snapshotDoc));
            var readNow = AppendMerge.AddToSnapshot(recipes, sources, readRuns);

            LedgerDocuments.SetRecipes(snapshotDoc, recipes.View);
            if (isNewSnapshot || recipes.Changed)
                LedgerSchema.RequireVersion(db, LedgerSchema.RunSetsVersion);
            if (isNewSnapshot)
                written.Insert(snapshots, snapshotDoc);
            else if (recipes.Changed)
                written.Update(snapshots, snapshotDoc);
            InsertReadFiles(db, written, readNow);
            return new AppendResult(LedgerDocuments.ToSnapshot(snapshotDoc), stored.Count, AppendMerge.AllRuns(sources) - stored.Count, stored);
        });
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, ReadFileRecord> FindReadFiles(IReadOnlyCollection<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var wanted = keys.ToHashSet(StringComparer.Ordinal);
        var scopes = wanted.Select(ReadFileRecord.ScopeOf).Distinct().ToList();
        // One scan of a few large documents, not a seek per file (10,000 seeks were measured at 0.7 s, the scan at under
        // 0.1 s), and only of the keys' scopes: the records other builds of Ledger left, or other read options, cannot match.
        return Read(db => (IReadOnlyDictionary<string, ReadFileRecord>)ScopeDocuments(db.GetCollection(LedgerSchema.ReadFiles), scopes)
            .SelectMany(LedgerDocuments.ToReadFiles)
            .Where(record => wanted.Contains(record.Key))
            .GroupBy(record => record.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Last(), StringComparer.Ordinal));
    }

    /// <summary>The documents that can hold records of these scopes: all of them when a key has none.</summary>
    private static IEnumerable<BsonDocument> ScopeDocuments(ILiteCollection<BsonDocument> readFiles, IReadOnlyList<string?> scopes) =>
        scopes.Any(scope => scope is null)
            ? readFiles.FindAll()
            : scopes.SelectMany(scope => readFiles.Find(FieldQuery.Equal("scope", scope))).OrderBy(doc => BsonRead.Int64(doc, "_id"));

    private static void InsertReadFiles(LiteDatabase db, WrittenDocuments written, IEnumerable<ReadFileRecord> records)
    {
        var readFiles = db.GetCollection(LedgerSchema.ReadFiles, BsonAutoId.Int64);
        // A file made before the scopes has no index on them yet; its first write of records makes it (once: a no-op after).
        readFiles.EnsureIndex("scope", "$.scope");
        foreach (var document in LedgerDocuments.FromReadFiles(records))
            written.Insert(readFiles, document);
    }

    /// <inheritdoc />
    public int RecordFits(long snapshotId, IReadOnlyList<StoredFit> fits)
    {
        ArgumentNullException.ThrowIfNull(fits);
        return Write((db, written) =>
        {
            RequireSnapshot(db, snapshotId);
            var collection = db.GetCollection(LedgerSchema.Fits, BsonAutoId.Int64);
            var current = CurrentFits(collection, snapshotId);
            var recorded = RecordRules.NewFits(current, fits).Select(fit => (Document: LedgerDocuments.FromFit(snapshotId, fit), Fit: fit)).ToList();
            foreach (var (document, _) in recorded)
                written.Insert(collection, document);
            FitSummaryDocuments.Record(db, written, snapshotId, hadFits: current.Count > 0, recorded);
            return recorded.Count;
        });
    }

    /// <inheritdoc />
    public int RecordVerdicts(IReadOnlyList<StoredVerdict> verdicts, GateSummary? summary = null, GateFacts? facts = null)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        return Write((db, written) =>
        {
            if (facts is not null)
            {
                RequireSnapshot(db, facts.SnapshotId);
                var factCollection = db.GetCollection(LedgerSchema.GateFacts);
                var latest = LatestGateFacts(factCollection, facts.SnapshotId);
                if (RecordRules.IsNew(latest is null ? null : LedgerDocuments.ToGateFacts(latest), facts))
                    InsertGateFacts(written, factCollection, facts, latest is null ? 0 : LedgerDocuments.GateFactsSequence(latest) + 1);
            }
            if (summary is not null)
            {
                RequireSnapshot(db, summary.SnapshotId);
                var gates = db.GetCollection(LedgerSchema.Gates, BsonAutoId.Int64);
                if (RecordRules.IsNew(LatestGate(gates, summary.SnapshotId), summary))
                    InsertGateSummary(db, written, summary);
            }
            var collection = db.GetCollection(LedgerSchema.Verdicts, BsonAutoId.Int64);
            var current = new Dictionary<(long, string), StoredVerdict>();
            foreach (var snapshotId in verdicts.Select(v => v.SnapshotId).Distinct())
            {
                RequireSnapshot(db, snapshotId);
                foreach (var verdict in CurrentVerdicts(collection, snapshotId))
                    current[(snapshotId, verdict.Recipe)] = verdict;
            }
            var recorded = RecordRules.NewVerdicts(current, verdicts);
            foreach (var verdict in recorded)
                written.Insert(collection, LedgerDocuments.FromVerdict(verdict));
            return recorded.Count;
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<Snapshot> GetSnapshots(string? branch = null, string? commit = null) => Read(db =>
    {
        var snapshots = db.GetCollection(LedgerSchema.Snapshots);
        var candidates = commit is not null ? snapshots.Find(FieldQuery.Equal("commit", commit))
            : branch is not null ? snapshots.Find(FieldQuery.Equal("branch", branch))
            : snapshots.FindAll();
        var names = new NamePool();
        return (IReadOnlyList<Snapshot>)candidates
            .Select(doc => LedgerDocuments.ToSnapshot(doc, names))
            .Where(s => branch is null || s.Branch == branch)
            .OrderBy(s => s.Id)
            .ToList();
    });

    /// <inheritdoc />
    /// <remarks>
    /// The documents are read only as far as their run sets (<see cref="LedgerDocuments.RunSetFields"/>), which come
    /// before their runs; a snapshot written before version 3 is read whole and its run sets computed from its runs.
    /// </remarks>
    public IReadOnlyList<SnapshotRunSets> GetSnapshotRunSets(string branch)
    {
        ArgumentNullException.ThrowIfNull(branch);
        return Read(db =>
        {
            var snapshots = db.GetCollection(LedgerSchema.Snapshots);
            var names = new NamePool();
            return (IReadOnlyList<SnapshotRunSets>)snapshots.Query().Where(FieldQuery.Equal("branch", branch)).Select(LedgerDocuments.RunSetFields).ToDocuments()
                .Where(doc => BsonRead.String(doc, "branch") == branch)
                .Select(doc => LedgerDocuments.ToSnapshotRunSets(doc, names) ?? SnapshotRunSets.Of(LedgerDocuments.ToSnapshot(snapshots.FindById(doc["_id"]))))
                .OrderBy(s => s.Id)
                .ToList();
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredRun> GetRuns(IReadOnlyCollection<string> digests)
    {
        ArgumentNullException.ThrowIfNull(digests);
        return Read(db =>
        {
            var runs = db.GetCollection(LedgerSchema.Runs);
            var pointChunks = PointChunks(db);
            var found = new List<StoredRun>(digests.Count);
            foreach (var digest in digests)
            {
                if (runs.FindById(digest) is { } doc)
                    found.Add(LedgerDocuments.ToRun(doc, pointChunks));
            }
            return (IReadOnlyList<StoredRun>)found;
        });
    }

    /// <inheritdoc />
    public StoredFit? FindFit(string inputDigest)
    {
        ArgumentNullException.ThrowIfNull(inputDigest);
        return Read(db => db.GetCollection(LedgerSchema.Fits)
            .Find(FieldQuery.Equal("inputDigest", inputDigest))
            .MaxBy(doc => BsonRead.Int64(doc, "_id")) is { } doc
                ? LedgerDocuments.ToFit(doc)
                : null);
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredFit> GetFits(long snapshotId) => Read(db =>
        (IReadOnlyList<StoredFit>)CurrentFits(db.GetCollection(LedgerSchema.Fits), snapshotId)
            .OrderBy(entry => entry.Key.Recipe, StringComparer.Ordinal)
            .ThenBy(entry => entry.Key.Model, StringComparer.Ordinal)
            .Select(entry => entry.Value)
            .ToList());

    /// <inheritdoc />
    /// <remarks>
    /// The current fits are found from the snapshots' summaries (<see cref="CurrentIdentities"/>), and only those of the
    /// wanted recipes are then read whole. One transaction for all snapshots: in shared mode each call opens the file
    /// anew, which cost more than the reads themselves at 1,000 snapshots.
    /// </remarks>
    public IReadOnlyDictionary<long, IReadOnlyList<StoredFit>> GetFits(IReadOnlyCollection<SnapshotRecipe> wanted)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        return Read(db =>
        {
            var identities = CurrentIdentities(db, wanted, origin: null);
            var documents = FitDocuments.ById(db.GetCollection(LedgerSchema.Fits), identities.Values.SelectMany(fits => fits.Select(fit => fit.Identity.Sequence)));
            return (IReadOnlyDictionary<long, IReadOnlyList<StoredFit>>)identities.ToDictionary(entry => entry.Key,
                entry => (IReadOnlyList<StoredFit>)entry.Value.Select(fit => Identified(documents.GetValueOrDefault(fit.Identity.Sequence), entry.Key, fit.Identity)).ToList());
        });
    }

    /// <summary>The fit document a snapshot's summaries name, read whole.</summary>
    /// <param name="document">The fits' document of the identity's id, or null when there is none.</param>
    /// <exception cref="FormatException">It is not the fit they describe (damage): no fit is ever read in another's place.</exception>
    private static StoredFit Identified(BsonDocument? document, long snapshotId, FitIdentity identity) =>
        FitDocuments.Identified(document, snapshotId, identity)
            ?? throw new FormatException($"the summaries of snapshot {snapshotId} name fit {identity.Sequence}, which is not the fit they describe: one of them was changed on disk");

    /// <inheritdoc />
    /// <remarks>Read as <see cref="CurrentIdentities"/> says.</remarks>
    public IReadOnlyDictionary<long, IReadOnlyList<FitIdentity>> GetFitIdentities(IReadOnlyCollection<SnapshotRecipe> wanted)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        return Read(db => (IReadOnlyDictionary<long, IReadOnlyList<FitIdentity>>)CurrentIdentities(db, wanted, origin: null)
            .ToDictionary(entry => entry.Key, entry => (IReadOnlyList<FitIdentity>)entry.Value.Select(fit => fit.Identity).ToList()));
    }

    /// <inheritdoc />
    /// <remarks>Read as <see cref="CurrentIdentities"/> says.</remarks>
    public IReadOnlyDictionary<long, IReadOnlyList<IdentifiedSummary>> GetFitIdentitiesWithSummaries(IReadOnlyCollection<SnapshotRecipe> wanted, FitOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(origin);
        return Read(db => (IReadOnlyDictionary<long, IReadOnlyList<IdentifiedSummary>>)CurrentIdentities(db, wanted, origin));
    }

    /// <summary>
    /// The current fits of the wanted recipes of each snapshot, ordered by recipe then model, with the summaries of those
    /// made as <paramref name="origin"/> says (none when it is null). A snapshot's fits are read from its summaries
    /// (<see cref="FitSummaryDocuments"/>), a few documents however many fits: a report of 1,000 snapshots of 50 fits
    /// took 0.78 s to find its 1,050 fits from the fit documents themselves, 50,000 of them read from disk. A snapshot
    /// without summaries (fitted before version 4) is read from its fit documents, each decoded only as far as needed.
    /// </summary>
    private static Dictionary<long, IReadOnlyList<IdentifiedSummary>> CurrentIdentities(LiteDatabase db, IReadOnlyCollection<SnapshotRecipe> wanted, FitOrigin? origin)
    {
        var summaries = db.GetCollection(LedgerSchema.FitSummaries);
        var read = new Dictionary<long, IReadOnlyList<IdentifiedSummary>>();
        var unsummarised = new List<SnapshotRecipe>();
        var names = new NamePool();
        foreach (var snapshot in wanted.GroupBy(w => w.SnapshotId))
        {
            if (FitSummaryDocuments.Current(summaries, snapshot.Key, snapshot.Select(w => w.Recipe).ToHashSet(StringComparer.Ordinal), origin, names) is { } current)
                read[snapshot.Key] = current;
            else
                unsummarised.AddRange(snapshot);
        }
        var fits = db.GetCollection(LedgerSchema.Fits);
        var fromFits = origin is null
            ? CurrentFitIdentities(fits, unsummarised, FitIdentityFields, (identity, _) => new IdentifiedSummary(identity, null))
            : CurrentFitIdentities(fits, unsummarised, FitIdentityAndPayloadFields,
                (identity, doc) => new IdentifiedSummary(identity, origin.Made(identity) ? (ReadOnlyMemory<byte>?)FitSummaryText.Of(BsonRead.String(doc, "payloadJson")) : null));
        foreach (var (snapshotId, identities) in fromFits)
            read[snapshotId] = identities;
        return read;
    }

    /// <summary>
    /// The current fits of the wanted recipes of each snapshot, by recipe then model: each document read as far as
    /// <paramref name="fields"/>, its identity and the document handed to <paramref name="read"/> for those that are current.
    /// </summary>
    private static Dictionary<long, List<T>> CurrentFitIdentities<T>(ILiteCollection<BsonDocument> collection, IReadOnlyCollection<SnapshotRecipe> wanted,
        BsonExpression fields, Func<FitIdentity, BsonDocument, T> read)
    {
        var current = new Dictionary<long, List<T>>();
        foreach (var snapshot in wanted.GroupBy(w => w.SnapshotId))
        {
            var recipes = snapshot.Select(w => w.Recipe).ToHashSet(StringComparer.Ordinal);
            var latest = new Dictionary<(string Recipe, string Model), (FitIdentity Identity, BsonDocument Document)>();
            foreach (var doc in collection.Query().Where(FieldQuery.Equal("snapshotId", snapshot.Key)).Select(fields).ToDocuments())
            {
                var identity = new FitIdentity(BsonRead.Int64(doc, "_id"), BsonRead.String(doc, "recipe"), BsonRead.String(doc, "model"),
                    BsonRead.String(doc, "optionsDigest"), BsonRead.String(doc, "fitterVersion"), BsonRead.String(doc, "inputDigest"));
                if (recipes.Contains(identity.Recipe)
                    && (!latest.TryGetValue((identity.Recipe, identity.Model), out var seen) || seen.Identity.Sequence < identity.Sequence))
                {
                    latest[(identity.Recipe, identity.Model)] = (identity, doc);
                }
            }
            current[snapshot.Key] = latest
                .OrderBy(entry => entry.Key.Recipe, StringComparer.Ordinal)
                .ThenBy(entry => entry.Key.Model, StringComparer.Ordinal)
                .Select(entry => read(entry.Value.Identity, entry.Value.Document))
                .ToList();
        }
        return current;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Consecutive ids are read as one range of the primary key (the fits a call recorded together have consecutive ids),
    /// and of each document only its payload is decoded: its parameters, ten small documents, were measured to cost more
    /// than the payload's text.
    /// </remarks>
    public IReadOnlyDictionary<long, string> GetFitPayloads(IReadOnlyCollection<long> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        return Read(db =>
        {
            var collection = db.GetCollection(LedgerSchema.Fits);
            var payloads = new Dictionary<long, string>();
            foreach (var (first, last) in Ranges(sequences))
            {
                foreach (var doc in collection.Query().Where(FieldQuery.Between("_id", first, last)).Select(FitPayloadFields).ToDocuments())
                    payloads[BsonRead.Int64(doc, "_id")] = BsonRead.String(doc, "payloadJson");
            }
            return (IReadOnlyDictionary<long, string>)payloads;
        });
    }

    /// <summary>The numbers as ranges of consecutive ones, in order.</summary>
    private static IEnumerable<(long First, long Last)> Ranges(IEnumerable<long> numbers)
    {
        long? first = null, last = null;
        foreach (var number in numbers.Distinct().Order())
        {
            if (last is { } previous && number == previous + 1)
            {
                last = number;
                continue;
            }
            if (first is { } start)
                yield return (start, last!.Value);
            (first, last) = (number, number);
        }
        if (first is { } end)
            yield return (end, last!.Value);
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredVerdict> GetVerdicts(long snapshotId) => Read(db =>
        (IReadOnlyList<StoredVerdict>)CurrentVerdicts(db.GetCollection(LedgerSchema.Verdicts), snapshotId)
            .OrderBy(v => v.Recipe, StringComparer.Ordinal)
            .ToList());

    /// <inheritdoc />
    public IReadOnlyDictionary<long, IReadOnlyList<StoredVerdict>> GetVerdicts(IReadOnlyCollection<long> snapshotIds)
    {
        ArgumentNullException.ThrowIfNull(snapshotIds);
        // One call for all: in shared mode each call opens the file anew, most of the cost of a call per snapshot. And one
        // query per run of consecutive ids, not one per snapshot: a report asks for every snapshot of the ledger.
        return Read(db =>
        {
            var collection = db.GetCollection(LedgerSchema.Verdicts);
            var read = snapshotIds.Distinct().ToDictionary(id => id, _ => new List<(long Sequence, StoredVerdict Verdict)>());
            foreach (var (first, last) in Ranges(read.Keys))
            {
                foreach (var doc in collection.Find(FieldQuery.Between("snapshotId", first, last)))
                {
                    var verdict = LedgerDocuments.ToVerdict(doc);
                    read[verdict.SnapshotId].Add((BsonRead.Int64(doc, "_id"), verdict));
                }
            }
            return (IReadOnlyDictionary<long, IReadOnlyList<StoredVerdict>>)read.ToDictionary(entry => entry.Key,
                entry => (IReadOnlyList<StoredVerdict>)RecordRules.Latest(entry.Value, verdict => verdict.Recipe).Values.OrderBy(v => v.Recipe, StringComparer.Ordinal).ToList());
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<GateFact> GetGateFacts(long snapshotId) => Read(db =>
        LatestGateFacts(db.GetCollection(LedgerSchema.GateFacts), snapshotId) is { } doc ? LedgerDocuments.ToGateFacts(doc) : []);

    private static BsonDocument? LatestGateFacts(ILiteCollection<BsonDocument> facts, long snapshotId) =>
        facts.Find(Query.StartsWith("_id", LedgerDocuments.GateFactsPrefix(snapshotId)))
            .MaxBy(doc => BsonRead.String(doc, "_id"), StringComparer.Ordinal);

    /// <inheritdoc />
    public IReadOnlyDictionary<long, GateSummary> GetGateSummaries(IReadOnlyCollection<long> snapshotIds)
    {
        ArgumentNullException.ThrowIfNull(snapshotIds);
        return Read(db =>
        {
            var gates = db.GetCollection(LedgerSchema.Gates);
            return (IReadOnlyDictionary<long, GateSummary>)snapshotIds.Distinct()
                .Select(id => LatestGate(gates, id)).OfType<GateSummary>().ToDictionary(summary => summary.SnapshotId);
        });
    }

    private static void InsertGateSummary(LiteDatabase db, WrittenDocuments written, GateSummary summary)
    {
        if (summary.Document is not null)
            LedgerSchema.RequireVersion(db, LedgerSchema.GateDocumentsVersion);
        written.Insert(db.GetCollection(LedgerSchema.Gates, BsonAutoId.Int64), LedgerDocuments.FromGateSummary(summary));
    }

    private static GateSummary? LatestGate(ILiteCollection<BsonDocument> gates, long snapshotId) =>
        RecordRules.Latest(gates.Find(FieldQuery.Equal("snapshotId", snapshotId)).Select(d => (BsonRead.Int64(d, "_id"), LedgerDocuments.ToGateSummary(d))), _ => 0)
            .Values.SingleOrDefault();

    /// <summary>Every document of every collection, for <see cref="LedgerDump"/>.</summary>
    internal IReadOnlyList<(string Collection, IReadOnlyList<BsonDocument> Documents)> ReadAllDocuments() => Read(db =>
        (IReadOnlyList<(string, IReadOnlyList<BsonDocument>)>)LedgerSchema.AllCollections
            .Select(name => (name, (IReadOnlyList<BsonDocument>)db.GetCollection(name).Find(Query.All("_id")).ToList()))
            .ToList());

    /// <inheritdoc />
    public IReadOnlyList<LedgerDamage> FindDamage() => Read(LedgerScan.FindDamage);

    /// <inheritdoc />
    public void ReadAll(Action<LedgerRecord> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        Read(db =>
        {
            var pointChunks = PointChunks(db);
            IEnumerable<BsonDocument> All(string collection) => db.GetCollection(collection).Find(Query.All("_id"));
            foreach (var doc in All(LedgerSchema.Runs))
                visit(new RunEntry(LedgerDocuments.ToRun(doc, pointChunks)));
            foreach (var doc in All(LedgerSchema.Snapshots))
                visit(new SnapshotEntry(LedgerDocuments.ToSnapshot(doc)));
            foreach (var doc in All(LedgerSchema.Fits))
                visit(new FitEntry(BsonRead.Int64(doc, "snapshotId"), LedgerDocuments.ToFit(doc)));
            foreach (var doc in All(LedgerSchema.Verdicts))
                visit(new VerdictEntry(LedgerDocuments.ToVerdict(doc)));
            foreach (var doc in All(LedgerSchema.Gates))
                visit(new GateSummaryEntry(LedgerDocuments.ToGateSummary(doc)));
            // Ordinal _id order is snapshot, then record order: a gate's facts of one snapshot keep their order.
            foreach (var doc in All(LedgerSchema.GateFacts))
                visit(new GateFactsEntry(new GateFacts(LedgerDocuments.GateFactsSnapshot(doc), LedgerDocuments.ToGateFacts(doc))));
            foreach (var doc in All(LedgerSchema.ReadFiles))
            {
                foreach (var record in LedgerDocuments.ToReadFiles(doc))
                    visit(new ReadFileEntry(record));
            }
            return true;
        });
    }

    /// <inheritdoc />
    public void Import(IEnumerable<LedgerRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        Write((db, written) =>
        {
            if (LedgerSchema.AllCollections.Where(name => name != LedgerSchema.Meta).Any(name => db.GetCollection(name).Count() > 0))
                throw NotEmpty();
            var factSequences = new Dictionary<long, int>();
            var readFiles = new List<ReadFileRecord>();
            var fits = new ImportedFits(db, written);
            foreach (var record in records)
            {
                if (record is not FitEntry)
                    fits.Summarise();
                switch (record)
                {
                    case RunEntry run:
                        InsertRun(db, written, run.Run);
                        break;
                    case SnapshotEntry snapshot:
                        LedgerSchema.RequireVersion(db, LedgerSchema.RunSetsVersion);
                        written.Insert(db.GetCollection(LedgerSchema.Snapshots, BsonAutoId.Int64), LedgerDocuments.FromSnapshot(snapshot.Snapshot));
                        break;
                    case FitEntry fit:
                        fits.Insert(fit);
                        break;
                    case VerdictEntry verdict:
                        written.Insert(db.GetCollection(LedgerSchema.Verdicts, BsonAutoId.Int64), LedgerDocuments.FromVerdict(verdict.Verdict));
                        break;
                    case GateSummaryEntry summary:
                        InsertGateSummary(db, written, summary.Summary);
                        break;
                    case GateFactsEntry facts:
                        var sequence = factSequences.GetValueOrDefault(facts.Facts.SnapshotId);
                        factSequences[facts.Facts.SnapshotId] = sequence + 1;
                        InsertGateFacts(written, db.GetCollection(LedgerSchema.GateFacts), facts.Facts, sequence);
                        break;
                    case ReadFileEntry readFile:
                        readFiles.Add(readFile.Record);
                        break;
                }
            }
            fits.Summarise();
            InsertReadFiles(db, written, readFiles);
            return true;
        });
    }

    private LedgerInputException NotEmpty() =>
        new(ErrorCodes.ImportTargetNotEmpty, SourceLocation.WholeFile(_files.Display), "a ledger that already holds records",
            "an empty ledger to import into (a new file, or a new database): import never merges into a ledger");

    private static void InsertGateFacts(WrittenDocuments written, ILiteCollection<BsonDocument> collection, GateFacts facts, int sequence) =>
        written.Insert(collection, new BsonDocument
        {
            ["_id"] = LedgerDocuments.GateFactsId(facts.SnapshotId, sequence),
            ["facts"] = LedgerDocuments.FromGateFacts(facts.Facts),
        });

    /// <summary>Closes the store; it cannot be used afterwards. The file is already closed between calls.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
    }

    private static void InsertRun(LiteDatabase db, WrittenDocuments written, StoredRun run)
    {
        var (document, chunks) = LedgerDocuments.FromRun(run);
        if (chunks.Count > 0)
        {
            LedgerSchema.RequireVersion(db, LedgerSchema.SplitRunsVersion);
            var pointChunks = db.GetCollection(LedgerSchema.RunPoints);
            foreach (var chunk in chunks)
                written.Insert(pointChunks, chunk);
        }
        written.Insert(db.GetCollection(LedgerSchema.Runs), document);
    }

    internal static Func<string, int, byte[]> PointChunks(LiteDatabase db)
    {
        var chunks = db.GetCollection(LedgerSchema.RunPoints);
        return (digest, index) => chunks.FindById(LedgerDocuments.PointChunkId(digest, index)) is { } chunk
            ? BsonRead.Binary(chunk, "bytes")
            : throw new FormatException($"point chunk {index} of run {digest} is missing");
    }

    /// <inheritdoc />
    /// <remarks>
    /// Each call inside still opens its own engine on the file, so the threads share no LiteDB state; they share the lock
    /// this holds, since the lock belongs to the thread that took it. So a thread that reads inside must
    /// be done before <paramref name="reads"/> returns (<c>SideBySide</c> waits for its thread), and a ReadTogether
    /// inside one, on any thread, runs within the hold already taken rather than wait for the lock it holds.
    /// </remarks>
    public T ReadTogether<T>(Func<T> reads)
    {
        ArgumentNullException.ThrowIfNull(reads);
        if (_heldForReads is not null)
            return reads();
        return Guard(() =>
        {
            _heldForReads = Translated(() => LedgerFileProbe.Check(_files));
            try
            {
                return reads();
            }
            finally
            {
                _heldForReads = null;
            }
        }, translateFailures: false);
    }

    /// <summary>A read on an engine that cannot write the file; a ledger this store has yet to create reads as empty.</summary>
    private T Read<T>(Func<LiteDatabase, T> query) => _heldForReads is { } held
        ? Translated(() => ReadFile(held, query))
        : Guard(() => ReadFile(LedgerFileProbe.Check(_files), query));

    private T ReadFile<T>(LedgerFileState state, Func<LiteDatabase, T> query)
    {
        if (state.Kind == LedgerFileKind.Ledger)
            return LiteDbCall.Read(_files, state, query);
        if (_access != LedgerAccess.CreateOnWrite)
            throw Absent(state);
        using var empty = new LiteDatabase(new MemoryStream());
        return query(empty);
    }

    /// <summary>One transaction, durable and read back before this returns (see <see cref="LiteDbCall.Write{T}"/>); creates the ledger when this store may.</summary>
    private T Write<T>(Func<LiteDatabase, WrittenDocuments, T> change) => Guard(() =>
    {
        if (_access == LedgerAccess.ReadOnly)
            throw new InvalidOperationException($"the ledger {_files.Display} was opened to read only");
        if (_heldForReads is not null)
            throw new InvalidOperationException($"the ledger {_files.Display} is held for reads side by side, which a write would change under them");
        var state = LedgerFileProbe.Check(_files);
        if (state.Kind != LedgerFileKind.Ledger && _access != LedgerAccess.CreateOnWrite)
            throw Absent(state);
        var written = new WrittenDocuments();
        return LiteDbCall.Write(_files, state,
            db =>
            {
                LedgerSchema.Ensure(db, _files.Display);
                return change(db, written);
            },
            (db, _) => written.Missing(db));
    });

    private LedgerUnavailableException Absent(LedgerFileState state) =>
        state.Kind == LedgerFileKind.Missing ? LedgerUnavailableException.Missing(_files.Display) : LedgerUnavailableException.NotALedger(_files.Display);

    /// <summary>Holds the file lock and, for the store's own work, turns the database's failures into the ledger's exit-3 exception.</summary>
    /// <param name="translateFailures">False for work that is not the store's own (<see cref="ReadTogether{T}"/>), whose calls translate their failures themselves.</param>
    private T Guard<T>(Func<T> operation, bool translateFailures = true)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using (_lock.Acquire(_lockTimeout))
            return translateFailures ? Translated(operation) : operation();
    }

    /// <summary>Turns the database's own failures into the ledger's exit-3 exception.</summary>
    private T Translated<T>(Func<T> operation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            return operation();
        }
        catch (LedgerFileFaultException e)
        {
            throw LedgerUnavailableException.CannotOpen(_files.Display, e.Fault.What(Path.GetFileName(_files.Display)), e);
        }
        catch (Exception e) when (LiteDbLimits.Exceeded(e, _files.Display) is { } limit)
        {
            throw limit;
        }
        catch (Exception e) when (LedgerScan.IsDamage(e))
        {
            throw LedgerUnavailableException.Damaged(_files.Display, DescribeDamage(e), e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw LedgerUnavailableException.CannotOpen(_files.Display, e.Message, e);
        }
    }

    /// <summary>Names the damaged record: a full scan of the file, run only once damage has shown.</summary>
    private string DescribeDamage(Exception e)
    {
        IReadOnlyList<LedgerDamage> found;
        try
        {
            found = LiteDbCall.Read(_files, LedgerFileProbe.Check(_files), LedgerScan.FindDamage);
        }
        catch (Exception scanFailure) when (LedgerScan.IsDamage(scanFailure) || scanFailure is LedgerUnavailableException or IOException)
        {
            found = [];
        }
        return found.Count switch
        {
            0 => LedgerScan.Describe(e),
            1 => $"{found[0]}",
            _ => $"{found[0]}; {found.Count} damaged records in all, which ledger verify lists",
        };
    }

    private static void RequireSnapshot(LiteDatabase db, long snapshotId)
    {
        if (!db.GetCollection(LedgerSchema.Snapshots).Exists(FieldQuery.Equal("_id", snapshotId)))
            throw new ArgumentException($"the ledger has no snapshot {snapshotId}", nameof(snapshotId));
    }

    /// <summary>The latest fit of each recipe and model recorded for a snapshot: id order is record order.</summary>
    private static Dictionary<(string Recipe, string Model), StoredFit> CurrentFits(ILiteCollection<BsonDocument> fits, long snapshotId) =>
        RecordRules.Latest(fits.Find(FieldQuery.Equal("snapshotId", snapshotId)).Select(doc => (BsonRead.Int64(doc, "_id"), LedgerDocuments.ToFit(doc))),
            fit => (fit.Recipe, fit.Model));

    private static IEnumerable<StoredVerdict> CurrentVerdicts(ILiteCollection<BsonDocument> verdicts, long snapshotId) =>
        RecordRules.Latest(verdicts.Find(FieldQuery.Equal("snapshotId", snapshotId)).Select(doc => (BsonRead.Int64(doc, "_id"), LedgerDocuments.ToVerdict(doc))),
            verdict => verdict.Recipe).Values;
}
