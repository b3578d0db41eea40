using System.Text;
using Npgsql;

namespace Ledger.Core.Storage.Postgres;

/// <summary>
/// Reads a server ledger whole: every record, for `ledger verify` (<see cref="FindDamage"/>) and `ledger export`
/// (<see cref="ReadAll"/>). Each row is decoded as the store's reads decode it, so what a scan calls sound the verbs can read.
/// </summary>
internal static class PostgresScan
{
    /// <summary>Whether an exception thrown while decoding a row means the row is damaged.</summary>
    public static bool IsDamage(Exception e) => e is FormatException or DecoderFallbackException or InvalidCastException or OverflowException
        or IndexOutOfRangeException or InvalidDataException;

    /// <summary>Whether any table of the ledger holds a row (the schema's own version rows aside).</summary>
    public static bool HoldsRecords(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM ledger.runs) OR EXISTS (SELECT 1 FROM ledger.snapshots) OR EXISTS (SELECT 1 FROM ledger.read_files)",
            connection, transaction);
        return (bool)command.ExecuteScalar()!;
    }

    /// <summary>Every record, in the order of <see cref="LedgerRecord"/>, each kind in the order it was recorded (runs by digest).</summary>
    public static void ReadAll(NpgsqlConnection connection, NpgsqlTransaction transaction, Action<LedgerRecord> visit)
    {
        Rows(connection, transaction, $"SELECT {PostgresRows.RunColumns} FROM ledger.runs ORDER BY digest COLLATE \"C\"",
            row => visit(new RunEntry(PostgresRows.ToRun(row))));
        var runs = SnapshotRuns(connection, transaction);
        Rows(connection, transaction, $"SELECT {PostgresRows.SnapshotColumns} FROM ledger.snapshots ORDER BY id", row =>
        {
            var (id, commit, branch, time) = PostgresRows.ToSnapshotRow(row);
            visit(new SnapshotEntry(new Snapshot(id, commit, branch, time, runs.GetValueOrDefault(id) ?? new SortedDictionary<string, IReadOnlyList<string>>())));
        });
        Rows(connection, transaction, $"SELECT {PostgresRows.FitColumns} FROM ledger.fits ORDER BY sequence", row =>
        {
            var (snapshotId, fit) = PostgresRows.ToFit(row);
            visit(new FitEntry(snapshotId, fit));
        });
        Rows(connection, transaction, $"SELECT {PostgresRows.VerdictColumns} FROM ledger.verdicts ORDER BY sequence",
            row => visit(new VerdictEntry(PostgresRows.ToVerdict(row))));
        Rows(connection, transaction, $"SELECT {PostgresRows.GateSummaryColumns} FROM ledger.gate_summaries ORDER BY sequence",
            row => visit(new GateSummaryEntry(PostgresRows.ToGateSummary(row))));
        Rows(connection, transaction, "SELECT snapshot_id, facts FROM ledger.gate_facts ORDER BY snapshot_id, sequence",
            row => visit(new GateFactsEntry(new GateFacts(row.GetInt64(0), GateFactEncoding.FromBytes(row.GetFieldValue<byte[]>(1))))));
        Rows(connection, transaction, "SELECT key, runs FROM ledger.read_files ORDER BY sequence",
            row => visit(new ReadFileEntry(PostgresRows.ToReadFile(row.GetString(0), row.GetFieldValue<byte[]>(1)))));
    }

    /// <summary>Every row that cannot be decoded, and every run whose content no longer matches its digest; empty for a sound ledger.</summary>
    public static IReadOnlyList<LedgerDamage> FindDamage(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var damage = new List<LedgerDamage>();
        void Check(string table, string key, Action decode)
        {
            try
            {
                decode();
            }
            catch (Exception e) when (IsDamage(e))
            {
                damage.Add(new LedgerDamage($"{table} {key}", e is DecoderFallbackException ? "a stored string is not valid UTF-8" : e.Message));
            }
        }

        Rows(connection, transaction, $"SELECT {PostgresRows.RunColumns} FROM ledger.runs ORDER BY digest COLLATE \"C\"", row => Check("runs", row.GetString(0), () =>
        {
            var run = PostgresRows.ToRun(row);
            if (RunDigest.Compute(run) != run.Digest)
                throw new FormatException("its recipe, compute mapping or points no longer match its digest: it was changed in the database");
        }));
        Rows(connection, transaction, $"SELECT sequence, {PostgresRows.FitColumns} FROM ledger.fits ORDER BY sequence",
            row => Check("fits", row.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture), () => PostgresRows.ToFit(row, first: 1)));
        Rows(connection, transaction, "SELECT sequence, document FROM ledger.gate_summaries WHERE document IS NOT NULL ORDER BY sequence",
            row => Check("gate_summaries", row.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture), () => GateDocumentCheck.Check(row.GetString(1))));
        Rows(connection, transaction, "SELECT sequence, facts FROM ledger.gate_facts ORDER BY sequence",
            row => Check("gate_facts", row.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture), () => GateFactEncoding.FromBytes(row.GetFieldValue<byte[]>(1))));
        Rows(connection, transaction, "SELECT sequence, key, runs FROM ledger.read_files ORDER BY sequence",
            row => Check("read_files", row.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture), () => PostgresRows.ToReadFile(row.GetString(1), row.GetFieldValue<byte[]>(2))));
        return damage;
    }

    /// <summary>The runs of each snapshot (of these, or of all), by recipe in ordinal order, each recipe's runs in the order they joined.</summary>
    public static Dictionary<long, IReadOnlyDictionary<string, IReadOnlyList<string>>> SnapshotRuns(NpgsqlConnection connection, NpgsqlTransaction transaction,
        long[]? ids = null)
    {
        var runs = new Dictionary<long, SortedDictionary<string, List<string>>>();
        Rows(connection, transaction, "SELECT snapshot_id, recipe, digest FROM ledger.snapshot_runs WHERE $1::bigint[] IS NULL OR snapshot_id = ANY($1) ORDER BY sequence",
            new object[] { PostgresRows.Nullable(ids, NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint) }, row =>
        {
            var id = row.GetInt64(0);
            var snapshot = runs.TryGetValue(id, out var s) ? s : runs[id] = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            var recipe = row.GetString(1);
            (snapshot.TryGetValue(recipe, out var list) ? list : snapshot[recipe] = []).Add(row.GetString(2));
        });
        return runs.ToDictionary(entry => entry.Key, entry => (IReadOnlyDictionary<string, IReadOnlyList<string>>)new SortedDictionary<string, IReadOnlyList<string>>(
            entry.Value.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)r.Value), StringComparer.Ordinal));
    }

    /// <summary>
    /// The run sets of each snapshot of a branch, by recipe in ordinal order: <see cref="RunSet"/>'s digest, computed by the
    /// server over each recipe's digests in byte order (COLLATE "C", which is ordinal for the ASCII of digests).
    /// </summary>
    public static Dictionary<long, IReadOnlyDictionary<string, RunSet>> RunSets(NpgsqlConnection connection, NpgsqlTransaction transaction, string branch)
    {
        var runSets = new Dictionary<long, SortedDictionary<string, RunSet>>();
        Rows(connection, transaction,
            "SELECT r.snapshot_id, r.recipe, substring(sha256(convert_to(string_agg(r.digest || E'\n', '' ORDER BY r.digest COLLATE \"C\"), 'UTF8')) FROM 1 FOR 16) " +
            "FROM ledger.snapshot_runs r JOIN ledger.snapshots s ON s.id = r.snapshot_id WHERE s.branch = $1 GROUP BY r.snapshot_id, r.recipe",
            new object[] { branch }, row =>
            {
                var id = row.GetInt64(0);
                var snapshot = runSets.TryGetValue(id, out var s) ? s : runSets[id] = new SortedDictionary<string, RunSet>(StringComparer.Ordinal);
                snapshot.Add(row.GetString(1), RunSet.Read(row.GetFieldValue<byte[]>(2)));
            });
        return runSets.ToDictionary(entry => entry.Key, entry => (IReadOnlyDictionary<string, RunSet>)entry.Value);
    }

    private static void Rows(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Action<NpgsqlDataReader> each) =>
        Rows(connection, transaction, sql, System.Array.Empty<object>(), each);

    private static void Rows(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object[] parameters, Action<NpgsqlDataReader> each)
    {
        using var command = PostgresRows.Query(connection, transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
            each(reader);
    }
}
