using Ledger.Core.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Core.Storage.Postgres;

/// <summary>
/// The ledger on a PostgreSQL server: one ledger shared by many CI machines (PRODUCT.md section 7). The same records and
/// guarantees as the ledger file, in the server's terms: each write method is one transaction that returns only once
/// the server has committed it; runs are keyed by their digest and inserted with ON CONFLICT DO NOTHING; every table is
/// append-only. Writers that touch one snapshot take turns on that snapshot's row lock, so two machines that gate the
/// same build never both record a fit; a new snapshot's id is the highest so far plus one, taken under a lock, so ids
/// count 1, 2, 3 as in the file.
/// </summary>
public sealed class PostgresLedgerStore : ILedgerStore
{
    /// <summary>The advisory lock under which a new snapshot takes the next id.</summary>
    private const long NewSnapshotKey = 0x4C45_4447_4552_0002;

    private readonly PostgresCall _call;
    private readonly LedgerAccess _access;
    private bool _disposed;

    /// <summary>Whether <see cref="ReadTogether{T}"/> is under way, when a write is refused.</summary>
    private volatile bool _readingTogether;

    private PostgresLedgerStore(PostgresCall call, LedgerAccess access)
    {
        _call = call;
        _access = access;
    }

    /// <summary>
    /// Opens the ledger at <paramref name="server"/>. A database without a ledger gets one (the migrations, under their
    /// lock) when <paramref name="access"/> may create it; otherwise it is refused, as is a schema of another version.
    /// </summary>
    /// <exception cref="LedgerUnavailableException">
    /// LEDGER401 the server cannot be reached or refuses the login, or holds no ledger; LEDGER403 its schema is newer;
    /// LEDGER406 older (run ledger db upgrade); LEDGER404 the schema's lock stayed taken.
    /// </exception>
    internal static PostgresLedgerStore Open(ServerAddress server, LedgerAccess access, TimeSpan lockTimeout)
    {
        var call = new PostgresCall(server, lockTimeout);
        try
        {
            var version = call.WithConnection(connection =>
            {
                using var transaction = connection.BeginTransaction();
                var found = PostgresMigrations.Version(connection, transaction);
                transaction.Commit();
                if (found is null && access == LedgerAccess.CreateOnWrite)
                    return PostgresMigrations.Apply(connection, call.Display, lockTimeout).After;
                return found;
            });
            if (version is null)
                throw LedgerUnavailableException.NoServerLedger(call.Display);
            if (version != PostgresMigrations.Latest)
                throw call.Schema(version.Value);
            return new PostgresLedgerStore(call, access);
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    /// <summary>The ledger if the database holds one; null when it holds none or cannot be reached (the open after the logs are read reports that).</summary>
    internal static PostgresLedgerStore? OpenIfExists(ServerAddress server, TimeSpan lockTimeout)
    {
        try
        {
            return Open(server, LedgerAccess.Existing, lockTimeout);
        }
        catch (LedgerUnavailableException e) when (e.Code == ErrorCodes.LedgerCannotOpen)
        {
            return null;
        }
    }

    /// <summary>`ledger db upgrade`: the migrations the database lacks, in one transaction under the schema's lock.</summary>
    internal static (int Before, int After) Upgrade(ServerAddress server, TimeSpan lockTimeout)
    {
        using var call = new PostgresCall(server, lockTimeout);
        return call.WithConnection(connection => PostgresMigrations.Apply(connection, call.Display, lockTimeout));
    }

    /// <inheritdoc />
    public AppendResult AppendFiles(SnapshotDraft draft, IReadOnlyList<AppendSource> sources)
    {
        AppendMerge.Check(draft, sources);
        return Write((connection, transaction) =>
        {
            // The runs first, without any lock: ON CONFLICT lets machines that store the same run at once both succeed.
            var readRuns = AppendMerge.ReadRuns(sources);
            var known = KnownDigests(connection, transaction, readRuns.Select(r => r.Digest).Distinct().ToArray());
            // In digest order: two machines that store the same new runs wait for each other's in one order, never in a circle.
            var toInsert = readRuns.Where(r => !known.Contains(r.Digest)).DistinctBy(r => r.Digest).OrderBy(r => r.Digest, StringComparer.Ordinal).ToList();
            var newRuns = PostgresRows.Execute(connection, transaction,
                toInsert.Select(r => PostgresRows.InsertRun(StoredRun.FirstSeen(r.Run, r.Digest, draft))), batchSize: 50).Sum();

            var (id, time) = LockSnapshot(connection, transaction, draft);
            var recipes = new SnapshotRecipes(PostgresScan.SnapshotRuns(connection, transaction, [id]).GetValueOrDefault(id, Empty));
            var readNow = AppendMerge.AddToSnapshot(recipes, sources, readRuns);
            PostgresRows.Execute(connection, transaction, recipes.Added.Select(r => PostgresRows.InsertSnapshotRun(id, r.Recipe, r.Digest)), batchSize: 500);
            PostgresRows.Execute(connection, transaction, readNow.Select(PostgresRows.InsertReadFile), batchSize: 500);
            return new AppendResult(new Snapshot(id, draft.Commit, draft.Branch, time, recipes.View), newRuns, AppendMerge.AllRuns(sources) - newRuns, []);
        });
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Empty = new Dictionary<string, IReadOnlyList<string>>();

    private static HashSet<string> KnownDigests(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] digests)
    {
        using var command = PostgresRows.Query(connection, transaction, "SELECT digest FROM ledger.runs WHERE digest = ANY($1)", PostgresRows.Values(digests));
        using var reader = command.ExecuteReader();
        var known = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
            known.Add(reader.GetString(0));
        return known;
    }

    /// <summary>
    /// The draft's snapshot, locked for this transaction (appends to one build take turns), made when it is the commit's
    /// first append: under <see cref="NewSnapshotKey"/>, with the highest id so far plus one.
    /// </summary>
    private static (long Id, DateTimeOffset Time) LockSnapshot(NpgsqlConnection connection, NpgsqlTransaction transaction, SnapshotDraft draft)
    {
        (long, DateTimeOffset)? Find()
        {
            using var command = PostgresRows.Query(connection, transaction,
                $"SELECT {PostgresRows.SnapshotColumns} FROM ledger.snapshots WHERE commit = $1 AND branch = $2 FOR NO KEY UPDATE", draft.Commit, draft.Branch);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
                return null;
            var row = PostgresRows.ToSnapshotRow(reader);
            return (row.Id, row.Time);
        }

        if (Find() is { } found)
            return found;
        using (var take = PostgresRows.Query(connection, transaction, $"SELECT pg_advisory_xact_lock({NewSnapshotKey})"))
            take.ExecuteNonQuery();
        // Another machine may have made it while this one waited for the lock.
        if (Find() is { } made)
            return made;
        using var next = PostgresRows.Query(connection, transaction, "SELECT coalesce(max(id), 0) + 1 FROM ledger.snapshots");
        var id = (long)next.ExecuteScalar()!;
        PostgresRows.Execute(connection, transaction, [PostgresRows.InsertSnapshot(id, draft.Commit, draft.Branch, draft.Time)]);
        return (id, draft.Time);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, ReadFileRecord> FindReadFiles(IReadOnlyCollection<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return Read((connection, transaction) =>
        {
            using var command = PostgresRows.Query(connection, transaction,
                "SELECT DISTINCT ON (r.key) r.key, r.runs FROM ledger.read_files r JOIN unnest($1::text[]) AS wanted(key) ON r.key = wanted.key " +
                "ORDER BY r.key, r.sequence DESC", PostgresRows.Values(keys.Distinct(StringComparer.Ordinal).ToArray()));
            using var reader = command.ExecuteReader();
            var found = new Dictionary<string, ReadFileRecord>(StringComparer.Ordinal);
            while (reader.Read())
            {
                var key = reader.GetString(0);
                found[key] = PostgresRows.ToReadFile(key, reader.GetFieldValue<byte[]>(1));
            }
            return (IReadOnlyDictionary<string, ReadFileRecord>)found;
        });
    }

    /// <inheritdoc />
    public int RecordFits(long snapshotId, IReadOnlyList<StoredFit> fits)
    {
        ArgumentNullException.ThrowIfNull(fits);
        return Write((connection, transaction) =>
        {
            LockSnapshots(connection, transaction, [snapshotId]);
            var current = CurrentFits(connection, transaction, [snapshotId]).GetValueOrDefault(snapshotId, [])
                .ToDictionary(fit => (fit.Recipe, fit.Model));
            var recorded = RecordRules.NewFits(current, fits);
            PostgresRows.Execute(connection, transaction, recorded.Select(fit => PostgresRows.InsertFit(snapshotId, fit)));
            return recorded.Count;
        });
    }

    /// <inheritdoc />
    public int RecordVerdicts(IReadOnlyList<StoredVerdict> verdicts, GateSummary? summary = null, GateFacts? facts = null)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        return Write((connection, transaction) =>
        {
            var snapshotIds = verdicts.Select(v => (long?)v.SnapshotId).Append(summary?.SnapshotId).Append(facts?.SnapshotId).OfType<long>().Distinct().ToArray();
            LockSnapshots(connection, transaction, snapshotIds);
            var commands = new List<NpgsqlBatchCommand>();
            if (facts is not null && RecordRules.IsNew(LatestGateFacts(connection, transaction, facts.SnapshotId), facts))
                commands.Add(PostgresRows.InsertGateFacts(facts));
            if (summary is not null && RecordRules.IsNew(LatestGateSummaries(connection, transaction, [summary.SnapshotId]).SingleOrDefault(), summary))
                commands.Add(PostgresRows.InsertGateSummary(summary));
            var current = CurrentVerdicts(connection, transaction, verdicts.Select(v => v.SnapshotId).Distinct().ToArray())
                .SelectMany(entry => entry.Value)
                .ToDictionary(v => (v.SnapshotId, v.Recipe));
            var recorded = RecordRules.NewVerdicts(current, verdicts);
            commands.AddRange(recorded.Select(PostgresRows.InsertVerdict));
            PostgresRows.Execute(connection, transaction, commands);
            return recorded.Count;
        });
    }

    /// <summary>Locks snapshots' rows for this transaction, in id order (so two writers never wait on each other in a circle).</summary>
    /// <exception cref="ArgumentException">One of them does not exist.</exception>
    private static void LockSnapshots(NpgsqlConnection connection, NpgsqlTransaction transaction, long[] snapshotIds)
    {
        using var command = PostgresRows.Query(connection, transaction,
            "SELECT id FROM ledger.snapshots WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE", PostgresRows.Values(snapshotIds));
        using var reader = command.ExecuteReader();
        var found = new HashSet<long>();
        while (reader.Read())
            found.Add(reader.GetInt64(0));
        foreach (var id in snapshotIds.Where(id => !found.Contains(id)))
            throw new ArgumentException($"the ledger has no snapshot {id}", nameof(snapshotIds));
    }

    /// <inheritdoc />
    public IReadOnlyList<Snapshot> GetSnapshots(string? branch = null, string? commit = null) => Read((connection, transaction) =>
    {
        var rows = new List<(long Id, string Commit, string Branch, DateTimeOffset Time)>();
        using (var command = PostgresRows.Query(connection, transaction,
                   $"SELECT {PostgresRows.SnapshotColumns} FROM ledger.snapshots WHERE ($1::text IS NULL OR branch = $1) AND ($2::text IS NULL OR commit = $2) ORDER BY id",
                   PostgresRows.Nullable(branch, NpgsqlDbType.Text), PostgresRows.Nullable(commit, NpgsqlDbType.Text)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                rows.Add(PostgresRows.ToSnapshotRow(reader));
        }
        var runs = PostgresScan.SnapshotRuns(connection, transaction, rows.Select(r => r.Id).ToArray());
        return (IReadOnlyList<Snapshot>)rows.Select(r => new Snapshot(r.Id, r.Commit, r.Branch, r.Time, runs.GetValueOrDefault(r.Id, Empty))).ToList();
    });

    /// <inheritdoc />
    /// <remarks>The server computes each run set from the snapshot's rows (<see cref="PostgresScan.RunSets"/>): only the snapshots and their run sets travel.</remarks>
    public IReadOnlyList<SnapshotRunSets> GetSnapshotRunSets(string branch)
    {
        ArgumentNullException.ThrowIfNull(branch);
        return Read((connection, transaction) =>
        {
            var rows = new List<(long Id, string Commit, string Branch, DateTimeOffset Time)>();
            using (var command = PostgresRows.Query(connection, transaction,
                       $"SELECT {PostgresRows.SnapshotColumns} FROM ledger.snapshots WHERE branch = $1 ORDER BY id", branch))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                    rows.Add(PostgresRows.ToSnapshotRow(reader));
            }
            var runSets = PostgresScan.RunSets(connection, transaction, branch);
            return (IReadOnlyList<SnapshotRunSets>)rows.Select(r => new SnapshotRunSets(r.Id, r.Commit, r.Branch, r.Time,
                runSets.GetValueOrDefault(r.Id) ?? new SortedDictionary<string, RunSet>(StringComparer.Ordinal))).ToList();
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredRun> GetRuns(IReadOnlyCollection<string> digests)
    {
        ArgumentNullException.ThrowIfNull(digests);
        return Read((connection, transaction) =>
        {
            var found = new Dictionary<string, StoredRun>(StringComparer.Ordinal);
            using var command = PostgresRows.Query(connection, transaction,
                $"SELECT {PostgresRows.RunColumns} FROM ledger.runs WHERE digest = ANY($1)", PostgresRows.Values(digests.Distinct(StringComparer.Ordinal).ToArray()));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var run = PostgresRows.ToRun(reader);
                found[run.Digest] = run;
            }
            return (IReadOnlyList<StoredRun>)digests.Where(found.ContainsKey).Select(digest => found[digest]).ToList();
        });
    }

    /// <inheritdoc />
    public StoredFit? FindFit(string inputDigest)
    {
        ArgumentNullException.ThrowIfNull(inputDigest);
        return Read((connection, transaction) =>
        {
            using var command = PostgresRows.Query(connection, transaction,
                $"SELECT {PostgresRows.FitColumns} FROM ledger.fits WHERE input_digest = $1 ORDER BY sequence DESC LIMIT 1", inputDigest);
            using var reader = command.ExecuteReader();
            return reader.Read() ? PostgresRows.ToFit(reader).Fit : null;
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredFit> GetFits(long snapshotId) =>
        Read((connection, transaction) => CurrentFits(connection, transaction, [snapshotId]).GetValueOrDefault(snapshotId, []));

    /// <inheritdoc />
    public IReadOnlyDictionary<long, IReadOnlyList<StoredFit>> GetFits(IReadOnlyCollection<SnapshotRecipe> wanted)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        return Read((connection, transaction) => CurrentOf(connection, transaction, wanted, Prefixed("f", PostgresRows.FitColumns),
            reader => PostgresRows.ToFit(reader), fit => (fit.Recipe, fit.Model)));
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<long, IReadOnlyList<FitIdentity>> GetFitIdentities(IReadOnlyCollection<SnapshotRecipe> wanted)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        return Read((connection, transaction) => CurrentOf(connection, transaction, wanted,
            "f.snapshot_id, f.sequence, f.recipe, f.model, f.options_digest, f.fitter_version, f.input_digest",
            reader => (reader.GetInt64(0), new FitIdentity(reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetString(6))),
            identity => (identity.Recipe, identity.Model)));
    }

    /// <inheritdoc />
    /// <remarks>
    /// The payload is sent only for fits of the origin asked for, and summarised here: a server holds no summaries, which the
    /// embedded file keeps to spare decoding whole fit documents.
    /// </remarks>
    public IReadOnlyDictionary<long, IReadOnlyList<IdentifiedSummary>> GetFitIdentitiesWithSummaries(IReadOnlyCollection<SnapshotRecipe> wanted, FitOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(origin);
        return Read((connection, transaction) => CurrentOf(connection, transaction, wanted,
            "f.snapshot_id, f.sequence, f.recipe, f.model, f.options_digest, f.fitter_version, f.input_digest, " +
            "CASE WHEN f.model = $3 AND f.options_digest = $4 AND f.fitter_version = $5 THEN f.payload_json END",
            reader => (reader.GetInt64(0), new IdentifiedSummary(new FitIdentity(reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6)), reader.IsDBNull(7) ? null : (ReadOnlyMemory<byte>?)FitSummaryText.Of(reader.GetString(7)))),
            row => (row.Identity.Recipe, row.Identity.Model), origin.Model, origin.OptionsDigest, origin.FitterVersion));
    }

    /// <summary>
    /// <paramref name="columns"/> (the snapshot id first) of the current fit of each model of the wanted recipes, by snapshot
    /// id, each snapshot's by recipe then model in ordinal order; every snapshot asked for is a key.
    /// </summary>
    private static IReadOnlyDictionary<long, IReadOnlyList<T>> CurrentOf<T>(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyCollection<SnapshotRecipe> wanted, string columns, Func<NpgsqlDataReader, (long SnapshotId, T Row)> read, Func<T, (string Recipe, string Model)> key,
        params object[] columnValues)
    {
        var pairs = wanted.Distinct().ToList();
        var rows = pairs.Select(w => w.SnapshotId).Distinct().ToDictionary(id => id, _ => new List<T>());
        using (var command = PostgresRows.Query(connection, transaction,
                   $"SELECT DISTINCT ON (f.snapshot_id, f.recipe, f.model) {columns} FROM ledger.fits f " +
                   "JOIN unnest($1::bigint[], $2::text[]) AS wanted(snapshot_id, recipe) ON f.snapshot_id = wanted.snapshot_id AND f.recipe = wanted.recipe " +
                   "ORDER BY f.snapshot_id, f.recipe, f.model, f.sequence DESC",
                   [PostgresRows.Values(pairs.Select(p => p.SnapshotId).ToArray()), PostgresRows.Values(pairs.Select(p => p.Recipe).ToArray()), .. columnValues]))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var (snapshotId, row) = read(reader);
                rows[snapshotId].Add(row);
            }
        }
        // By recipe then model, in ordinal order: the server's collation may sort text otherwise.
        return rows.ToDictionary(entry => entry.Key,
            entry => (IReadOnlyList<T>)entry.Value.OrderBy(row => key(row).Recipe, StringComparer.Ordinal).ThenBy(row => key(row).Model, StringComparer.Ordinal).ToList());
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<long, string> GetFitPayloads(IReadOnlyCollection<long> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        return Read((connection, transaction) =>
        {
            var payloads = new Dictionary<long, string>();
            using var command = PostgresRows.Query(connection, transaction,
                "SELECT sequence, payload_json FROM ledger.fits WHERE sequence = ANY($1)", PostgresRows.Values(sequences.Distinct().ToArray()));
            using var reader = command.ExecuteReader();
            while (reader.Read())
                payloads[reader.GetInt64(0)] = reader.GetString(1);
            return (IReadOnlyDictionary<long, string>)payloads;
        });
    }

    /// <summary>The current fit of each recipe and model of these snapshots: the one recorded last (highest sequence).</summary>
    private static Dictionary<long, IReadOnlyList<StoredFit>> CurrentFits(NpgsqlConnection connection, NpgsqlTransaction transaction, long[] snapshotIds)
    {
        var fits = snapshotIds.ToDictionary(id => id, _ => new List<StoredFit>());
        using (var command = PostgresRows.Query(connection, transaction,
                   $"SELECT DISTINCT ON (snapshot_id, recipe, model) {PostgresRows.FitColumns} FROM ledger.fits WHERE snapshot_id = ANY($1) " +
                   "ORDER BY snapshot_id, recipe, model, sequence DESC", PostgresRows.Values(snapshotIds)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var (snapshotId, fit) = PostgresRows.ToFit(reader);
                fits[snapshotId].Add(fit);
            }
        }
        return fits.ToDictionary(entry => entry.Key, entry => (IReadOnlyList<StoredFit>)Ordered(entry.Value));
    }

    /// <summary>By recipe then model, in ordinal order: the server's collation may sort text otherwise.</summary>
    private static List<StoredFit> Ordered(IEnumerable<StoredFit> fits) =>
        fits.OrderBy(fit => fit.Recipe, StringComparer.Ordinal).ThenBy(fit => fit.Model, StringComparer.Ordinal).ToList();

    /// <inheritdoc />
    public IReadOnlyList<StoredVerdict> GetVerdicts(long snapshotId) =>
        Read((connection, transaction) => CurrentVerdicts(connection, transaction, [snapshotId])[snapshotId]);

    /// <inheritdoc />
    public IReadOnlyDictionary<long, IReadOnlyList<StoredVerdict>> GetVerdicts(IReadOnlyCollection<long> snapshotIds)
    {
        ArgumentNullException.ThrowIfNull(snapshotIds);
        return Read((connection, transaction) =>
            (IReadOnlyDictionary<long, IReadOnlyList<StoredVerdict>>)CurrentVerdicts(connection, transaction, snapshotIds.Distinct().ToArray()));
    }

    private static Dictionary<long, IReadOnlyList<StoredVerdict>> CurrentVerdicts(NpgsqlConnection connection, NpgsqlTransaction transaction, long[] snapshotIds)
    {
        var verdicts = snapshotIds.ToDictionary(id => id, _ => new List<StoredVerdict>());
        using (var command = PostgresRows.Query(connection, transaction,
                   $"SELECT DISTINCT ON (snapshot_id, recipe) {PostgresRows.VerdictColumns} FROM ledger.verdicts WHERE snapshot_id = ANY($1) " +
                   "ORDER BY snapshot_id, recipe, sequence DESC", PostgresRows.Values(snapshotIds)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var verdict = PostgresRows.ToVerdict(reader);
                verdicts[verdict.SnapshotId].Add(verdict);
            }
        }
        return verdicts.ToDictionary(entry => entry.Key,
            entry => (IReadOnlyList<StoredVerdict>)entry.Value.OrderBy(v => v.Recipe, StringComparer.Ordinal).ToList());
    }

    /// <inheritdoc />
    public IReadOnlyList<GateFact> GetGateFacts(long snapshotId) =>
        Read((connection, transaction) => LatestGateFacts(connection, transaction, snapshotId) ?? []);

    private static IReadOnlyList<GateFact>? LatestGateFacts(NpgsqlConnection connection, NpgsqlTransaction transaction, long snapshotId)
    {
        using var command = PostgresRows.Query(connection, transaction,
            "SELECT facts FROM ledger.gate_facts WHERE snapshot_id = $1 ORDER BY sequence DESC LIMIT 1", snapshotId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? GateFactEncoding.FromBytes(reader.GetFieldValue<byte[]>(0)) : null;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<long, GateSummary> GetGateSummaries(IReadOnlyCollection<long> snapshotIds)
    {
        ArgumentNullException.ThrowIfNull(snapshotIds);
        return Read((connection, transaction) =>
            (IReadOnlyDictionary<long, GateSummary>)LatestGateSummaries(connection, transaction, snapshotIds.Distinct().ToArray()).ToDictionary(summary => summary.SnapshotId));
    }

    private static List<GateSummary> LatestGateSummaries(NpgsqlConnection connection, NpgsqlTransaction transaction, long[] snapshotIds)
    {
        using var command = PostgresRows.Query(connection, transaction,
            $"SELECT DISTINCT ON (snapshot_id) {PostgresRows.GateSummaryColumns} FROM ledger.gate_summaries WHERE snapshot_id = ANY($1) ORDER BY snapshot_id, sequence DESC",
            PostgresRows.Values(snapshotIds));
        using var reader = command.ExecuteReader();
        var summaries = new List<GateSummary>();
        while (reader.Read())
            summaries.Add(PostgresRows.ToGateSummary(reader));
        return summaries;
    }

    /// <inheritdoc />
    public IReadOnlyList<LedgerDamage> FindDamage() => Read(PostgresScan.FindDamage);

    /// <inheritdoc />
    public void ReadAll(Action<LedgerRecord> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        Read((connection, transaction) =>
        {
            PostgresScan.ReadAll(connection, transaction, visit);
            return true;
        });
    }

    /// <inheritdoc />
    public void Import(IEnumerable<LedgerRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        Write((connection, transaction) =>
        {
            // Held to the end: a second import, or a first append, into the same empty database waits and then finds it full.
            using (var take = PostgresRows.Query(connection, transaction, $"SELECT pg_advisory_xact_lock({NewSnapshotKey})"))
                take.ExecuteNonQuery();
            if (PostgresScan.HoldsRecords(connection, transaction))
            {
                throw new LedgerInputException(ErrorCodes.ImportTargetNotEmpty, SourceLocation.WholeFile(_call.Display), "a ledger that already holds records",
                    "an empty ledger to import into (a new file, or a new database): import never merges into a ledger");
            }
            PostgresRows.Execute(connection, transaction, records.SelectMany(ImportCommands), batchSize: 100);
            return true;
        });
    }

    private static IEnumerable<NpgsqlBatchCommand> ImportCommands(LedgerRecord record) => record switch
    {
        RunEntry run => [PostgresRows.InsertRun(run.Run)],
        SnapshotEntry { Snapshot: var s } => s.Recipes
            .SelectMany(recipe => recipe.Value.Select(digest => (Recipe: recipe.Key, Digest: digest)))
            .Select(r => PostgresRows.InsertSnapshotRun(s.Id, r.Recipe, r.Digest))
            .Prepend(PostgresRows.InsertSnapshot(s.Id, s.Commit, s.Branch, s.Time)),
        FitEntry fit => [PostgresRows.InsertFit(fit.SnapshotId, fit.Fit)],
        VerdictEntry verdict => [PostgresRows.InsertVerdict(verdict.Verdict)],
        GateSummaryEntry summary => [PostgresRows.InsertGateSummary(summary.Summary)],
        GateFactsEntry facts => [PostgresRows.InsertGateFacts(facts.Facts)],
        ReadFileEntry readFile => [PostgresRows.InsertReadFile(readFile.Record)],
        _ => throw new ArgumentException($"no such record: {record.GetType().Name}", nameof(record)),
    };

    private static string Prefixed(string alias, string columns) =>
        string.Join(", ", columns.Split(", ").Select(column => $"{alias}.{column}"));

    /// <inheritdoc />
    /// <remarks>Each call is its own read-only transaction on a connection of its own from the pool: side by side as they come.</remarks>
    public T ReadTogether<T>(Func<T> reads)
    {
        ArgumentNullException.ThrowIfNull(reads);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_readingTogether)
            return reads();
        _readingTogether = true;
        try
        {
            return reads();
        }
        finally
        {
            _readingTogether = false;
        }
    }

    private T Read<T>(Func<NpgsqlConnection, NpgsqlTransaction, T> query)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _call.Read(query);
    }

    private T Write<T>(Func<NpgsqlConnection, NpgsqlTransaction, T> change)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_access == LedgerAccess.ReadOnly)
            throw new InvalidOperationException($"the ledger {_call.Display} was opened to read only");
        if (_readingTogether)
            throw new InvalidOperationException($"the ledger {_call.Display} is being read side by side, which a write would change under the reads");
        return _call.Write(change);
    }

    /// <summary>Closes the store's connections.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _call.Dispose();
    }
}
