using Ledger.Core.Ingest;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Core.Storage.Postgres;

/// <summary>
/// Maps the ledger's records to the rows of Migrations/0001-ledger.sql and back, column by column. Times are UTC ticks
/// plus offset minutes, as in the ledger file: timestamptz keeps neither the offset nor the 100-ns ticks.
/// </summary>
internal static class PostgresRows
{
    public const string RunColumns =
        "digest, recipe, run_name, source_path, format, compute_source, compute_column, compute_scale, reward_column, point_count, points, tags, " +
        "first_seen_commit, first_seen_utc_ticks, first_seen_offset_minutes";

    public const string SnapshotColumns = "id, commit, branch, utc_ticks, offset_minutes";

    public const string FitColumns =
        "snapshot_id, recipe, model, options_digest, fitter_version, input_digest, parameter_names, parameter_values, parameter_standard_errors, " +
        "parameter_lowers, parameter_uppers, status, reason, r_squared, rmse, sse, n, payload_json";

    public const string VerdictColumns = "snapshot_id, recipe, verdict, baseline_snapshot_id, delta_a, lower, upper, regime_change, reason";

    public static NpgsqlBatchCommand InsertRun(StoredRun run) => Command(
        $"INSERT INTO ledger.runs ({RunColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (digest) DO NOTHING",
        run.Digest, run.Recipe, run.RunName, run.SourcePath, run.Format, ComputeSourceNames.ToName(run.ComputeMapping.Source), run.ComputeMapping.Column,
        run.ComputeMapping.Scale, run.RewardColumn, run.Points.Count, PointEncoding.ToBytes(run.Points), run.Tags.ToArray(), run.FirstSeenCommit,
        run.FirstSeenTime.UtcTicks, (int)run.FirstSeenTime.Offset.TotalMinutes);

    public static StoredRun ToRun(NpgsqlDataReader row)
    {
        var sourceName = row.GetString(5);
        var source = ComputeSourceNames.FromName(sourceName) ?? throw new FormatException($"compute source '{sourceName}' is unknown to this version");
        var points = PointEncoding.FromBytes(row.GetFieldValue<byte[]>(10));
        if (points.Length != row.GetInt32(9))
            throw new FormatException("the point blob does not hold point_count points");
        return new StoredRun(
            Digest: row.GetString(0),
            Recipe: row.GetString(1),
            RunName: row.GetString(2),
            SourcePath: row.GetString(3),
            Format: row.GetString(4),
            ComputeMapping: new ComputeMapping(source, row.GetString(6), row.GetDouble(7)),
            RewardColumn: row.GetString(8),
            Points: points,
            Tags: row.GetFieldValue<string[]>(11),
            FirstSeenCommit: row.GetString(12),
            FirstSeenTime: Time(row.GetInt64(13), row.GetInt32(14)));
    }

    public static NpgsqlBatchCommand InsertSnapshot(long id, string commit, string branch, DateTimeOffset time) => Command(
        $"INSERT INTO ledger.snapshots ({SnapshotColumns}) VALUES ($1, $2, $3, $4, $5)",
        id, commit, branch, time.UtcTicks, (int)time.Offset.TotalMinutes);

    /// <summary>A snapshot row without its runs: (id, commit, branch, time).</summary>
    public static (long Id, string Commit, string Branch, DateTimeOffset Time) ToSnapshotRow(NpgsqlDataReader row) =>
        (row.GetInt64(0), row.GetString(1), row.GetString(2), Time(row.GetInt64(3), row.GetInt32(4)));

    public static NpgsqlBatchCommand InsertSnapshotRun(long snapshotId, string recipe, string digest) => Command(
        "INSERT INTO ledger.snapshot_runs (snapshot_id, recipe, digest) VALUES ($1, $2, $3)", snapshotId, recipe, digest);

    public static NpgsqlBatchCommand InsertFit(long snapshotId, StoredFit fit) => Command(
        $"INSERT INTO ledger.fits ({FitColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
        snapshotId, fit.Recipe, fit.Model, fit.OptionsDigest, fit.FitterVersion, fit.InputDigest,
        fit.Parameters.Select(p => p.Name).ToArray(), fit.Parameters.Select(p => p.Value).ToArray(), fit.Parameters.Select(p => p.StandardError).ToArray(),
        fit.Parameters.Select(p => p.Lower).ToArray(), fit.Parameters.Select(p => p.Upper).ToArray(),
        fit.Status, Nullable(fit.Reason, NpgsqlDbType.Text), fit.RSquared, fit.Rmse, fit.Sse, fit.N, fit.PayloadJson);

    /// <summary>A fit from a row of <see cref="FitColumns"/> starting at column <paramref name="first"/>; returns the snapshot id too.</summary>
    public static (long SnapshotId, StoredFit Fit) ToFit(NpgsqlDataReader row, int first = 0)
    {
        var names = row.GetFieldValue<string[]>(first + 6);
        var values = row.GetFieldValue<double[]>(first + 7);
        var errors = row.GetFieldValue<double[]>(first + 8);
        var lowers = row.GetFieldValue<double[]>(first + 9);
        var uppers = row.GetFieldValue<double[]>(first + 10);
        if (new[] { values.Length, errors.Length, lowers.Length, uppers.Length }.Any(length => length != names.Length))
            throw new FormatException("the fit's parameter arrays differ in length");
        var parameters = names.Select((name, i) => new StoredParameter(name, values[i], errors[i], lowers[i], uppers[i])).ToArray();
        return (row.GetInt64(first), new StoredFit(
            Recipe: row.GetString(first + 1),
            Model: row.GetString(first + 2),
            OptionsDigest: row.GetString(first + 3),
            FitterVersion: row.GetString(first + 4),
            InputDigest: row.GetString(first + 5),
            Parameters: parameters,
            Status: row.GetString(first + 11),
            Reason: row.IsDBNull(first + 12) ? null : row.GetString(first + 12),
            RSquared: row.GetDouble(first + 13),
            Rmse: row.GetDouble(first + 14),
            Sse: row.GetDouble(first + 15),
            N: row.GetInt32(first + 16),
            PayloadJson: row.GetString(first + 17)));
    }

    public static NpgsqlBatchCommand InsertVerdict(StoredVerdict verdict) => Command(
        $"INSERT INTO ledger.verdicts ({VerdictColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        verdict.SnapshotId, verdict.Recipe, verdict.Verdict, Nullable(verdict.BaselineSnapshotId, NpgsqlDbType.Bigint),
        Nullable(verdict.DeltaA, NpgsqlDbType.Double), Nullable(verdict.Lower, NpgsqlDbType.Double), Nullable(verdict.Upper, NpgsqlDbType.Double),
        verdict.RegimeChange, Nullable(verdict.Reason, NpgsqlDbType.Text));

    public static StoredVerdict ToVerdict(NpgsqlDataReader row, int first = 0) => new(
        SnapshotId: row.GetInt64(first),
        Recipe: row.GetString(first + 1),
        Verdict: row.GetString(first + 2),
        BaselineSnapshotId: row.IsDBNull(first + 3) ? null : row.GetInt64(first + 3),
        DeltaA: row.IsDBNull(first + 4) ? null : row.GetDouble(first + 4),
        Lower: row.IsDBNull(first + 5) ? null : row.GetDouble(first + 5),
        Upper: row.IsDBNull(first + 6) ? null : row.GetDouble(first + 6),
        RegimeChange: row.GetBoolean(first + 7),
        Reason: row.IsDBNull(first + 8) ? null : row.GetString(first + 8));

    public static NpgsqlBatchCommand InsertGateSummary(GateSummary summary) => Command(
        $"INSERT INTO ledger.gate_summaries ({GateSummaryColumns}) VALUES ($1, $2, $3)",
        summary.SnapshotId, (object?)summary.Document ?? DBNull.Value, (object?)summary.Markdown ?? DBNull.Value);

    public const string GateSummaryColumns = "snapshot_id, document, markdown";

    /// <summary>A gate record from the row of <see cref="GateSummaryColumns"/>: a document, or the Markdown a gate kept before schema 2.</summary>
    public static GateSummary ToGateSummary(NpgsqlDataReader row) => row.IsDBNull(1)
        ? GateSummary.OfMarkdown(row.GetInt64(0), row.GetString(2))
        : GateSummary.OfDocument(row.GetInt64(0), row.GetString(1));

    public static NpgsqlBatchCommand InsertGateFacts(GateFacts facts) => Command(
        "INSERT INTO ledger.gate_facts (snapshot_id, facts) VALUES ($1, $2)", facts.SnapshotId, GateFactEncoding.ToBytes(facts.Facts));

    public static NpgsqlBatchCommand InsertReadFile(ReadFileRecord record) => Command(
        "INSERT INTO ledger.read_files (key, runs) VALUES ($1, $2)", record.Key, ReadFileEncoding.ToBytes([record]));

    /// <summary>The record a read_files row holds: its blob is a list of exactly one record, of the row's key.</summary>
    public static ReadFileRecord ToReadFile(string key, byte[] runs)
    {
        var records = ReadFileEncoding.FromBytes(runs);
        return records is [{ } record] && record.Key == key ? record : throw new FormatException($"the read-file row of '{key}' does not hold that one record");
    }

    public static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        return command;
    }

    public static NpgsqlCommand Query(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        return command;
    }

    /// <summary>
    /// An array as one parameter value. Given alone to a params object[], a string[] or long[] would be taken for the
    /// whole list of values (array covariance) rather than one value.
    /// </summary>
    public static NpgsqlParameter Values<T>(T[] values) => new() { Value = values };

    /// <summary>A parameter that may be null, with its type named so that a null is still typed.</summary>
    public static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    /// <summary>Runs insert commands in batches: one round trip per batch, not per row.</summary>
    /// <returns>The rows each command inserted (0 for a run whose digest was already there).</returns>
    public static int[] Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<NpgsqlBatchCommand> commands, int batchSize = 200)
    {
        var affected = new List<int>();
        foreach (var chunk in commands.Chunk(batchSize))
        {
            using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var command in chunk)
                batch.BatchCommands.Add(command);
            batch.ExecuteNonQuery();
            affected.AddRange(chunk.Select(command => command.RecordsAffected));
        }
        return affected.ToArray();
    }

    private static DateTimeOffset Time(long utcTicks, int offsetMinutes)
    {
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        return new DateTimeOffset(utcTicks + offset.Ticks, offset);
    }
}
