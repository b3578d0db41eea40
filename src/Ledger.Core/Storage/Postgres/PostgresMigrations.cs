using System.Globalization;
using System.Reflection;
using Ledger.Core.Diagnostics;
using Npgsql;

namespace Ledger.Core.Storage.Postgres;

/// <summary>
/// A server ledger's schema: ordered SQL files (Migrations/NNNN-name.sql, embedded), each applied once, in order, and
/// recorded in <c>ledger.schema_versions</c>. The version of a database is the highest recorded there; a database
/// without that table holds no ledger.
/// </summary>
/// <remarks>
/// Migrations run in one transaction under an exclusive advisory lock (<see cref="Key"/>), taken before the version is
/// read, so two machines that upgrade, or make a new ledger, at once apply each migration once (tested with six at once). Every call of the store
/// takes the same lock shared, so no call reads or writes a schema halfway through an upgrade.
/// </remarks>
internal static class PostgresMigrations
{
    /// <summary>The advisory lock of the schema: "LEDGER" and a version 1 of this use, in a bigint.</summary>
    public const long Key = 0x4C45_4447_4552_0001;

    private const string ResourcePrefix = "Ledger.Migrations.";

    /// <summary>Every migration this Ledger has, by version.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> All { get; } = Load();

    /// <summary>The schema version this Ledger reads and writes.</summary>
    public static int Latest => All[^1].Version;

    /// <summary>The database's schema version, inside the caller's transaction; null when it holds no ledger.</summary>
    public static int? Version(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        using var exists = new NpgsqlCommand("SELECT to_regclass('ledger.schema_versions') IS NOT NULL", connection, transaction);
        if (!(bool)exists.ExecuteScalar()!)
            return null;
        using var version = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM ledger.schema_versions", connection, transaction);
        return (int)version.ExecuteScalar()!;
    }

    /// <summary>Applies the migrations the database lacks, in one transaction.</summary>
    /// <returns>The version before (0 for a database with no ledger) and after.</returns>
    /// <exception cref="LedgerUnavailableException">LEDGER403: the database's schema is newer than this Ledger's.</exception>
    public static (int Before, int After) Apply(NpgsqlConnection connection, string display, TimeSpan lockTimeout)
    {
        // The lock is the session's, taken before the transaction begins: a transaction that began before another machine
        // committed the migrations would look their tables up in catalog caches from before, and apply them again.
        PostgresCall.SetLockTimeout(connection, null, lockTimeout);
        using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection))
            take.ExecuteNonQuery();
        try
        {
            using var transaction = connection.BeginTransaction();
            var before = Version(connection, transaction) ?? 0;
            if (before > Latest)
                throw LedgerUnavailableException.NewerSchema(display, before, Latest);
            foreach (var (version, name, sql) in All.Where(m => m.Version > before))
            {
                using (var apply = new NpgsqlCommand(sql, connection, transaction))
                    apply.ExecuteNonQuery();
                using var record = new NpgsqlCommand("INSERT INTO ledger.schema_versions (version, name) VALUES ($1, $2)", connection, transaction)
                {
                    Parameters = { new() { Value = version }, new() { Value = name } },
                };
                record.ExecuteNonQuery();
            }
            transaction.Commit();
            return (before, Latest);
        }
        finally
        {
            // A connection that broke has lost the lock with its session; a pooled one is reset (DISCARD ALL) on its return anyway.
            if (connection.State == System.Data.ConnectionState.Open)
            {
                using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", connection);
                release.ExecuteNonQuery();
            }
        }
    }

    private static List<(int Version, string Name, string Sql)> Load()
    {
        var assembly = typeof(PostgresMigrations).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(name =>
            {
                var file = name[ResourcePrefix.Length..^".sql".Length];
                var version = int.Parse(file.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture);
                return (version, file[5..], Read(assembly, name));
            })
            .OrderBy(m => m.version)
            .ToList();
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].version != i + 1)
                throw new InvalidOperationException($"the migrations are not numbered 1, 2, 3, ...: {migrations[i].Item2} is {migrations[i].version}");
        }
        return migrations;
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
