using Ledger.Core.Ingest;
using LiteDB;

namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// Maps the ledger's records to the documents of <see cref="LedgerSchema"/> and back, by hand rather than by
/// reflection, so the file layout is written down here and cannot change by renaming a property.
/// Times are stored as UTC ticks plus offset minutes: BSON dates keep neither the offset nor sub-millisecond ticks.
/// </summary>
internal static class LedgerDocuments
{
    /// <summary>
    /// A run's point blob is kept in its document up to this size, and split into chunks of this size beyond it: LiteDB
    /// refuses a document over about 16 MB (2047 pages of data), and half of that leaves room for the run's other fields.
    /// 8 MiB holds 335,544 points with steps, 493,447 without.
    /// </summary>
    public const int MaxPointBytesPerDocument = 8 * 1024 * 1024;

    /// <summary>A run's document and, for a run larger than <see cref="MaxPointBytesPerDocument"/>, the chunks of its points (<see cref="LedgerSchema.RunPoints"/>).</summary>
    public static (BsonDocument Run, IReadOnlyList<BsonDocument> PointChunks) FromRun(StoredRun run)
    {
        var points = PointEncoding.ToBytes(run.Points);
        var document = new BsonDocument
        {
            ["_id"] = run.Digest,
            ["recipe"] = run.Recipe,
            ["runName"] = run.RunName,
            ["sourcePath"] = run.SourcePath,
            ["format"] = run.Format,
            ["compute"] = new BsonDocument
            {
                ["source"] = ComputeSourceNames.ToName(run.ComputeMapping.Source),
                ["column"] = run.ComputeMapping.Column,
                ["scale"] = run.ComputeMapping.Scale,
            },
            ["rewardColumn"] = run.RewardColumn,
            ["pointCount"] = run.Points.Count,
        };
        var chunks = new List<BsonDocument>();
        if (points.Length <= MaxPointBytesPerDocument)
        {
            document["points"] = points;
        }
        else
        {
            foreach (var bytes in points.Chunk(MaxPointBytesPerDocument))
                chunks.Add(new BsonDocument { ["_id"] = PointChunkId(run.Digest, chunks.Count), ["bytes"] = bytes });
            document["pointChunks"] = chunks.Count;
        }
        document["tags"] = new BsonArray(run.Tags.Select(tag => new BsonValue(tag)));
        document["firstSeenCommit"] = run.FirstSeenCommit;
        document["firstSeenTime"] = FromTime(run.FirstSeenTime);
        return (document, chunks);
    }

    /// <summary>The _id of chunk <paramref name="index"/> of a run's points: the run's chunks sort together, in order.</summary>
    public static string PointChunkId(string digest, int index) => $"{digest}/{index:D5}";

    /// <param name="pointChunk">Reads chunk n of the run with this digest, for a run split across documents.</param>
    public static StoredRun ToRun(BsonDocument doc, Func<string, int, byte[]> pointChunk)
    {
        var compute = BsonRead.Document(doc, "compute");
        var sourceName = BsonRead.String(compute, "source");
        var source = ComputeSourceNames.FromName(sourceName)
            ?? throw new FormatException($"compute source '{sourceName}' is unknown to this version");
        var digest = BsonRead.String(doc, "_id");
        var points = PointEncoding.FromBytes(doc.ContainsKey("pointChunks") ? Joined(digest, BsonRead.Int32(doc, "pointChunks"), pointChunk) : BsonRead.Binary(doc, "points"));
        if (points.Length != BsonRead.Int32(doc, "pointCount"))
            throw new FormatException("the point blob does not hold pointCount points");
        return new StoredRun(
            Digest: digest,
            Recipe: BsonRead.String(doc, "recipe"),
            RunName: BsonRead.String(doc, "runName"),
            SourcePath: BsonRead.String(doc, "sourcePath"),
            Format: BsonRead.String(doc, "format"),
            ComputeMapping: new ComputeMapping(source, BsonRead.String(compute, "column"), BsonRead.Double(compute, "scale")),
            RewardColumn: BsonRead.String(doc, "rewardColumn"),
            Points: points,
            Tags: Strings(BsonRead.Array(doc, "tags"), "tags"),
            FirstSeenCommit: BsonRead.String(doc, "firstSeenCommit"),
            FirstSeenTime: ToTime(BsonRead.Document(doc, "firstSeenTime")));
    }

    private static byte[] Joined(string digest, int count, Func<string, int, byte[]> pointChunk)
    {
        if (count < 1)
            throw new FormatException($"pointChunks is {count}");
        var chunks = Enumerable.Range(0, count).Select(index => pointChunk(digest, index)).ToList();
        var joined = new byte[chunks.Sum(chunk => (long)chunk.Length)];
        var offset = 0;
        foreach (var chunk in chunks)
        {
            chunk.CopyTo(joined, offset);
            offset += chunk.Length;
        }
        return joined;
    }

    /// <summary>A new snapshot document, without _id so the collection assigns the next one.</summary>
    public static BsonDocument NewSnapshot(SnapshotDraft draft) => new()
    {
        ["commit"] = draft.Commit,
        ["branch"] = draft.Branch,
        ["time"] = FromTime(draft.Time),
        ["runSets"] = RunSetEncoding.ToBytes(new Dictionary<string, IReadOnlyList<string>>()),
        ["recipes"] = new BsonArray(),
    };

    /// <summary>A snapshot's document with its id, as an import writes it.</summary>
    public static BsonDocument FromSnapshot(Snapshot snapshot)
    {
        var document = new BsonDocument
        {
            ["_id"] = snapshot.Id,
            ["commit"] = snapshot.Commit,
            ["branch"] = snapshot.Branch,
            ["time"] = FromTime(snapshot.Time),
        };
        SetRecipes(document, snapshot.Recipes);
        return document;
    }

    /// <summary>
    /// Recipes are stored as an array of {recipe, runs} rather than as a document keyed by recipe: recipe names are
    /// user text and may contain characters that field names may not. Their run sets go before them, as one blob
    /// (<see cref="RunSetEncoding"/>, schema version 3): a read that asks for the run sets alone stops there, before the
    /// 200 KB of digests a snapshot of 1,000 recipes holds. A document of an older version gets them, in that place,
    /// when it next grows.
    /// </summary>
    public static void SetRecipes(BsonDocument snapshot, IReadOnlyDictionary<string, IReadOnlyList<string>> recipes)
    {
        if (!snapshot.ContainsKey("runSets"))
            snapshot.Remove("recipes");
        snapshot["runSets"] = RunSetEncoding.ToBytes(recipes);
        snapshot["recipes"] = new BsonArray(recipes.Select(entry => (BsonValue)new BsonDocument
        {
            ["recipe"] = entry.Key,
            ["runs"] = new BsonArray(entry.Value.Select(digest => new BsonValue(digest))),
        }));
    }

    /// <summary>The fields of a snapshot document that <see cref="ToSnapshotRunSets"/> reads: LiteDB reads a document only as far as the last of them.</summary>
    public static readonly BsonExpression RunSetFields = BsonExpression.Create("{ _id: $._id, commit: $.commit, branch: $.branch, time: $.time, runSets: $.runSets }");

    /// <summary>A snapshot with its run sets, from a document (or its <see cref="RunSetFields"/>); null for a document of a version that kept none.</summary>
    /// <param name="names">Keeps the recipe names of the snapshots read together once each.</param>
    public static SnapshotRunSets? ToSnapshotRunSets(BsonDocument doc, NamePool names) => doc["runSets"].IsNull
        ? null
        : new SnapshotRunSets(BsonRead.Int64(doc, "_id"), BsonRead.String(doc, "commit"), BsonRead.String(doc, "branch"), ToTime(BsonRead.Document(doc, "time")),
            RunSetEncoding.FromBytes(BsonRead.Binary(doc, "runSets"), names));

    /// <summary>Whether a snapshot document's run sets, when it has them, are those of its runs.</summary>
    /// <param name="recipes">The document's recipes as <see cref="ToRecipes"/> reads them.</param>
    public static bool RunSetsMatchRuns(BsonDocument doc, IReadOnlyDictionary<string, IReadOnlyList<string>> recipes) =>
        ToSnapshotRunSets(doc, new NamePool()) is not { } stored || stored.Recipes.SequenceEqual(SnapshotRunSets.RunSetsOf(recipes));

    /// <param name="names">
    /// Keeps the branches, recipe names and run digests of snapshots read together once each: a run is in every snapshot
    /// that kept it, and 1,000 snapshots of 50 recipes held 150,000 copies of 3,000 digests, which the collector then
    /// copied from generation to generation for as long as the snapshots were read.
    /// </param>
    public static Snapshot ToSnapshot(BsonDocument doc, NamePool? names = null) => new(
        Id: BsonRead.Int64(doc, "_id"),
        Commit: BsonRead.String(doc, "commit"),
        Branch: Pooled(BsonRead.String(doc, "branch"), names),
        Time: ToTime(BsonRead.Document(doc, "time")),
        Recipes: ToRecipes(doc, names));

    /// <param name="names">Keeps recipe names and run digests once each, as for <see cref="ToSnapshot"/>.</param>
    public static SortedDictionary<string, IReadOnlyList<string>> ToRecipes(BsonDocument snapshot, NamePool? names = null)
    {
        var recipes = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var entry in BsonRead.Array(snapshot, "recipes"))
        {
            var recipe = entry.IsDocument ? entry.AsDocument : throw new FormatException("a recipes entry is not a document");
            var runs = Strings(BsonRead.Array(recipe, "runs"), "runs");
            if (names is not null)
            {
                for (var i = 0; i < runs.Length; i++)
                    runs[i] = names.Get(runs[i]);
            }
            recipes.Add(Pooled(BsonRead.String(recipe, "recipe"), names), runs);
        }
        return recipes;
    }

    private static string Pooled(string text, NamePool? names) => names?.Get(text) ?? text;

    public static BsonDocument FromFit(long snapshotId, StoredFit fit) => new()
    {
        ["snapshotId"] = snapshotId,
        ["recipe"] = fit.Recipe,
        ["model"] = fit.Model,
        ["optionsDigest"] = fit.OptionsDigest,
        ["fitterVersion"] = fit.FitterVersion,
        ["inputDigest"] = fit.InputDigest,
        ["parameters"] = new BsonArray(fit.Parameters.Select(p => (BsonValue)new BsonDocument
        {
            ["name"] = p.Name,
            ["value"] = p.Value,
            ["standardError"] = p.StandardError,
            ["lower"] = p.Lower,
            ["upper"] = p.Upper,
        })),
        ["status"] = fit.Status,
        ["reason"] = fit.Reason,
        ["rSquared"] = fit.RSquared,
        ["rmse"] = fit.Rmse,
        ["sse"] = fit.Sse,
        ["n"] = fit.N,
        ["payloadJson"] = fit.PayloadJson,
    };

    public static StoredFit ToFit(BsonDocument doc) => new(
        Recipe: BsonRead.String(doc, "recipe"),
        Model: BsonRead.String(doc, "model"),
        OptionsDigest: BsonRead.String(doc, "optionsDigest"),
        FitterVersion: BsonRead.String(doc, "fitterVersion"),
        InputDigest: BsonRead.String(doc, "inputDigest"),
        Parameters: BsonRead.Array(doc, "parameters").Select(ToParameter).ToArray(),
        Status: BsonRead.String(doc, "status"),
        Reason: BsonRead.NullableString(doc, "reason"),
        RSquared: BsonRead.Double(doc, "rSquared"),
        Rmse: BsonRead.Double(doc, "rmse"),
        Sse: BsonRead.Double(doc, "sse"),
        N: BsonRead.Int32(doc, "n"),
        PayloadJson: BsonRead.String(doc, "payloadJson"));

    public static BsonDocument FromVerdict(StoredVerdict verdict) => new()
    {
        ["snapshotId"] = verdict.SnapshotId,
        ["recipe"] = verdict.Recipe,
        ["verdict"] = verdict.Verdict,
        ["baselineSnapshotId"] = verdict.BaselineSnapshotId is { } baseline ? new BsonValue(baseline) : BsonValue.Null,
        ["deltaA"] = NullableDouble(verdict.DeltaA),
        ["lower"] = NullableDouble(verdict.Lower),
        ["upper"] = NullableDouble(verdict.Upper),
        ["regimeChange"] = verdict.RegimeChange,
        ["reason"] = verdict.Reason,
    };

    public static StoredVerdict ToVerdict(BsonDocument doc) => new(
        SnapshotId: BsonRead.Int64(doc, "snapshotId"),
        Recipe: BsonRead.String(doc, "recipe"),
        Verdict: BsonRead.String(doc, "verdict"),
        BaselineSnapshotId: BsonRead.NullableInt64(doc, "baselineSnapshotId"),
        DeltaA: BsonRead.NullableDouble(doc, "deltaA"),
        Lower: BsonRead.NullableDouble(doc, "lower"),
        Upper: BsonRead.NullableDouble(doc, "upper"),
        RegimeChange: BsonRead.Boolean(doc, "regimeChange"),
        Reason: BsonRead.NullableString(doc, "reason"));

    /// <summary>
    /// Records are batched many to a document: an append of thousands of files then writes, and the next one reads,
    /// a few documents instead of one per file. Bounded so a document stays far below LiteDB's 16 MB limit.
    /// </summary>
    public const int ReadFilesPerDocument = 2000;

    /// <summary>
    /// The documents of these records, in their order: each holds records of one scope (see <see cref="ReadFileRecord.ScopeOf"/>),
    /// named in its indexed <c>scope</c> field, so that a lookup reads only the documents of the scope it asks for.
    /// </summary>
    public static IEnumerable<BsonDocument> FromReadFiles(IEnumerable<ReadFileRecord> records)
    {
        var batch = new List<ReadFileRecord>();
        foreach (var record in records)
        {
            if (batch.Count == ReadFilesPerDocument || (batch.Count > 0 && ReadFileRecord.ScopeOf(batch[0].Key) != ReadFileRecord.ScopeOf(record.Key)))
            {
                yield return ReadFilesDocument(batch);
                batch = [];
            }
            batch.Add(record);
        }
        if (batch.Count > 0)
            yield return ReadFilesDocument(batch);
    }

    private static BsonDocument ReadFilesDocument(List<ReadFileRecord> records)
    {
        var document = new BsonDocument { ["count"] = records.Count, ["records"] = ReadFileEncoding.ToBytes(records) };
        if (ReadFileRecord.ScopeOf(records[0].Key) is { } scope)
            document["scope"] = scope;
        return document;
    }

    public static IEnumerable<ReadFileRecord> ToReadFiles(BsonDocument doc)
    {
        var records = ReadFileEncoding.FromBytes(BsonRead.Binary(doc, "records"));
        return records.Count == BsonRead.Int32(doc, "count") ? records : throw new FormatException("the read-file blob does not hold count records");
    }

    /// <summary>The _id of a snapshot's gate facts number <paramref name="sequence"/>: ordinal order is snapshot then record order.</summary>
    public static string GateFactsId(long snapshotId, int sequence) => $"{GateFactsPrefix(snapshotId)}{sequence:D10}";

    public static string GateFactsPrefix(long snapshotId) => $"{snapshotId:D19}/";

    /// <summary>The snapshot a gate-facts document belongs to, from its _id.</summary>
    public static long GateFactsSnapshot(BsonDocument doc) =>
        long.Parse(BsonRead.String(doc, "_id").AsSpan(0, 19), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The sequence number of a gate-facts document among its snapshot's, from its _id.</summary>
    public static int GateFactsSequence(BsonDocument doc) =>
        int.Parse(BsonRead.String(doc, "_id").AsSpan(20), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A gate's record: <c>{snapshotId, gate}</c> with its document (version 5), or <c>{snapshotId, markdown}</c> as older files keep it.</summary>
    public static BsonDocument FromGateSummary(GateSummary summary) => summary.Document is { } document
        ? new() { ["snapshotId"] = summary.SnapshotId, ["gate"] = document }
        : new() { ["snapshotId"] = summary.SnapshotId, ["markdown"] = summary.Markdown };

    public static GateSummary ToGateSummary(BsonDocument doc) => doc.ContainsKey("gate")
        ? GateSummary.OfDocument(BsonRead.Int64(doc, "snapshotId"), BsonRead.String(doc, "gate"))
        : GateSummary.OfMarkdown(BsonRead.Int64(doc, "snapshotId"), BsonRead.String(doc, "markdown"));

    public static BsonArray FromGateFacts(IEnumerable<GateFact> facts) => new(facts.Select(fact => (BsonValue)new BsonDocument
    {
        ["runSet"] = fact.RunSet,
        ["sources"] = new BsonArray(fact.Sources.Select(source => new BsonValue(source))),
        ["baselineFit"] = fact.BaselineFit,
        ["regimeChange"] = fact.RegimeChange is { } regime ? new BsonValue(regime) : BsonValue.Null,
    }));

    public static IReadOnlyList<GateFact> ToGateFacts(BsonDocument doc) =>
        BsonRead.Array(doc, "facts").Select(entry =>
        {
            var fact = entry.IsDocument ? entry.AsDocument : throw new FormatException("a facts entry is not a document");
            var regime = fact["regimeChange"];
            return new GateFact(BsonRead.String(fact, "runSet"), Strings(BsonRead.Array(fact, "sources"), "sources"),
                BsonRead.NullableString(fact, "baselineFit"),
                regime.IsNull ? null : regime.IsBoolean ? regime.AsBoolean : throw new FormatException("regimeChange is not a boolean or null"));
        }).ToList();

    private static StoredParameter ToParameter(BsonValue value)
    {
        var doc = value.IsDocument ? value.AsDocument : throw new FormatException("a parameters entry is not a document");
        return new StoredParameter(
            BsonRead.String(doc, "name"),
            BsonRead.Double(doc, "value"),
            BsonRead.Double(doc, "standardError"),
            BsonRead.Double(doc, "lower"),
            BsonRead.Double(doc, "upper"));
    }

    private static BsonDocument FromTime(DateTimeOffset time) => new()
    {
        ["utcTicks"] = time.UtcTicks,
        ["offsetMinutes"] = (int)time.Offset.TotalMinutes,
    };

    private static DateTimeOffset ToTime(BsonDocument doc)
    {
        var offset = TimeSpan.FromMinutes(BsonRead.Int32(doc, "offsetMinutes"));
        return new DateTimeOffset(BsonRead.Int64(doc, "utcTicks") + offset.Ticks, offset);
    }

    private static BsonValue NullableDouble(double? value) => value is { } v ? new BsonValue(v) : BsonValue.Null;

    private static string[] Strings(BsonArray array, string field) =>
        array.Select(item => item.IsString ? item.AsString : throw new FormatException($"an entry of '{field}' is not a string")).ToArray();
}
