using Ledger.Core.Diagnostics;
using Ledger.Core.Storage;
using Ledger.Core.Storage.Postgres;
using Npgsql;

namespace Ledger.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL server that build/test.sh starts for the tests (initdb into a temporary folder, pg_ctl on a free
/// local port) and names in <see cref="Variable"/>: the address of a superuser, password included. Each test gets a
/// database of its own, dropped afterwards. There is no mock: without the server these tests fail and say how to start it.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "LEDGER_TEST_POSTGRES";

    /// <summary>The server's address, with the superuser's password.</summary>
    public static string Address => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } address
        ? address
        : throw new InvalidOperationException(
            $"{Variable} is not set: the PostgreSQL tests need the server that build/test.sh starts (run bash build/test.sh, or start one " +
            $"and set {Variable}=postgresql://user:password@127.0.0.1:PORT/postgres)");

    public static ServerAddress Server => ServerAddress.Parse(Address, SourceLocation.WholeFile(Variable));

    /// <summary>The password in <see cref="Address"/>: what must never be printed.</summary>
    public static string Password => new NpgsqlConnectionStringBuilder(PostgresCall.ConnectionString(Server)).Password
        ?? throw new InvalidOperationException($"{Variable} must hold a password: the tests check that it is never shown");

    /// <summary>A new, empty database on the server.</summary>
    public static TestDatabase CreateDatabase() => new();

    /// <summary>Runs SQL as the superuser on one database (or the server's own when null).</summary>
    public static void Execute(string? database, string sql)
    {
        using var connection = Connect(database);
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public static NpgsqlConnection Connect(string? database)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresCall.ConnectionString(Server)) { Pooling = false };
        if (database is not null)
            builder.Database = database;
        // A step of the machine's clock expires Npgsql's wall-clock connect timeout at once: tried again, as the store does.
        return ClockStepRetry.Open(() =>
        {
            var connection = new NpgsqlConnection(builder.ConnectionString);
            try
            {
                connection.Open();
                return connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }, ClockStepRetry.TimeoutOf(builder.ConnectionString));
    }
}

/// <summary>A database of its own for one test, dropped (with any connection left to it) on dispose.</summary>
public sealed class TestDatabase : IDisposable
{
    internal TestDatabase()
    {
        PostgresServer.Execute(null, $"CREATE DATABASE {Name}");
    }

    public string Name { get; } = "ledger_test_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>The database's address, with the password (as a user who keeps it in the address would give it).</summary>
    public string Address => WithDatabase(PostgresServer.Address, Name);

    /// <summary>The address without the password: the connection takes it from PGPASSWORD or a pgpass file.</summary>
    public string AddressWithoutPassword => WithDatabase(PostgresServer.Server.Display, Name);

    public LedgerLocation Location => LedgerLocation.Parse(Address, SourceLocation.WholeFile("test"));

    public void Execute(string sql) => PostgresServer.Execute(Name, sql);

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        PostgresServer.Execute(null, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private static string WithDatabase(string address, string database)
    {
        var q = address.IndexOf('?', StringComparison.Ordinal);
        var (withoutQuery, query) = q >= 0 ? (address[..q], address[q..]) : (address, "");
        var slash = withoutQuery.IndexOf('/', "postgresql://".Length);
        return (slash >= 0 ? withoutQuery[..slash] : withoutQuery) + "/" + database + query;
    }
}
