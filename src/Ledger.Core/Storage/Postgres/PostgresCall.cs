using System.Data;
using System.Globalization;
using Ledger.Core.Diagnostics;
using Npgsql;

namespace Ledger.Core.Storage.Postgres;

/// <summary>
/// One store call on a server ledger: a pooled connection, one transaction, the schema checked, the server's failures
/// turned into the ledger's exit-3 exception. A write returns only once the server has answered COMMIT, which with
/// PostgreSQL's default synchronous_commit means the transaction is in the server's write-ahead log on its disk.
/// </summary>
/// <remarks>
/// Every call takes the schema's advisory lock shared (<see cref="PostgresMigrations.Key"/>) and waits for locks at most
/// the lock timeout (<c>lock_timeout</c>: the same --lock-timeout as a file's lock). Reads run in one read-only
/// repeatable-read transaction, so a call that reads several tables sees one state of the ledger.
/// </remarks>
internal sealed class PostgresCall : IDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly ServerAddress _server;
    private readonly TimeSpan _lockTimeout;
    private readonly TimeSpan _connectTimeout;

    public PostgresCall(ServerAddress server, TimeSpan lockTimeout)
    {
        _server = server;
        _lockTimeout = lockTimeout;
        var connectionString = ConnectionString(server);
        _connectTimeout = ClockStepRetry.TimeoutOf(connectionString);
        _source = NpgsqlDataSource.Create(connectionString);
    }

    public string Display => _server.Display;

    public TimeSpan LockTimeout => _lockTimeout;

    /// <summary>The Npgsql connection string of an address. Without a password in it, Npgsql takes PGPASSWORD, then the pgpass file.</summary>
    public static string ConnectionString(ServerAddress server)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = server.Host ?? "localhost",
            ApplicationName = "ledger",
            // A call's statements are bounded by the lock timeout, not by a fixed command time: a 10-million-point run is one insert.
            CommandTimeout = 0,
        };
        if (server.Port is { } port)
            builder.Port = port;
        if (server.Database is { } database)
            builder.Database = database;
        if (server.User is { } user)
            builder.Username = user;
        if (server.Password is { } password)
            builder.Password = password;
        foreach (var (keyword, value) in server.Settings)
            builder[keyword] = value;
        return builder.ConnectionString;
    }

    /// <summary>Opens a connection for work outside a call (the schema check when a store opens, an upgrade), faults translated.</summary>
    public T WithConnection<T>(Func<NpgsqlConnection, T> work) => Guard(() =>
    {
        using var connection = OpenConnection();
        return work(connection);
    }, writing: false);

    /// <summary>Runs <paramref name="query"/> in a read-only transaction that sees one state of the ledger.</summary>
    public T Read<T>(Func<NpgsqlConnection, NpgsqlTransaction, T> query) => Guard(() =>
    {
        using var connection = OpenConnection();
        using var transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
        Begin(connection, transaction, readOnly: true);
        var result = query(connection, transaction);
        transaction.Commit();
        return result;
    }, writing: false);

    /// <summary>Runs <paramref name="change"/> in one transaction and returns once the server has committed it.</summary>
    public T Write<T>(Func<NpgsqlConnection, NpgsqlTransaction, T> change)
    {
        var committing = false;
        return Guard(() =>
        {
            using var connection = OpenConnection();
            using var transaction = connection.BeginTransaction(IsolationLevel.ReadCommitted);
            Begin(connection, transaction, readOnly: false);
            var result = change(connection, transaction);
            committing = true;
            transaction.Commit();
            committing = false;
            return result;
        }, writing: true, () => committing);
    }

    /// <summary>Opens a pooled connection, again after a step of the clock (see <see cref="ClockStepRetry"/>).</summary>
    private NpgsqlConnection OpenConnection() => ClockStepRetry.Open(_source.OpenConnection, _connectTimeout);

    /// <summary>Sets lock_timeout for the transaction, or without one for the session (until the pool resets the connection).</summary>
    public static void SetLockTimeout(NpgsqlConnection connection, NpgsqlTransaction? transaction, TimeSpan timeout)
    {
        using var command = new NpgsqlCommand($"SELECT set_config('lock_timeout', $1, {(transaction is null ? "false" : "true")})", connection, transaction)
        {
            Parameters = { new() { Value = LockTimeoutSetting(timeout) } },
        };
        command.ExecuteNonQuery();
    }

    /// <summary>PostgreSQL's lock_timeout in milliseconds; its 0 means "wait for ever", so Ledger's 0 ("do not wait") is 1 ms.</summary>
    private static string LockTimeoutSetting(TimeSpan timeout) =>
        Math.Max(1, (long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";

    /// <summary>The lock timeout, the schema's lock shared, and the schema's version, in one round trip.</summary>
    private void Begin(NpgsqlConnection connection, NpgsqlTransaction transaction, bool readOnly)
    {
        // A read-only transaction may be declared so after it began; only read-write must come before its first query.
        using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(
                    $"SELECT set_config('lock_timeout', $1, true), set_config('transaction_read_only', $2, true), pg_advisory_xact_lock_shared({PostgresMigrations.Key})")
                {
                    Parameters = { new() { Value = LockTimeoutSetting(_lockTimeout) }, new() { Value = readOnly ? "on" : "off" } },
                },
                new NpgsqlBatchCommand("SELECT coalesce(max(version), 0) FROM ledger.schema_versions"),
            },
        };
        using var reader = batch.ExecuteReader();
        reader.NextResult();
        reader.Read();
        var version = reader.GetInt32(0);
        if (version != PostgresMigrations.Latest)
            throw Schema(version);
    }

    /// <summary>The refusal of a database whose schema is not this Ledger's.</summary>
    public LedgerUnavailableException Schema(int version) => version > PostgresMigrations.Latest
        ? LedgerUnavailableException.NewerSchema(Display, version, PostgresMigrations.Latest)
        : LedgerUnavailableException.OlderSchema(Display, version, PostgresMigrations.Latest);

    private T Guard<T>(Func<T> operation, bool writing, Func<bool>? committing = null)
    {
        try
        {
            return operation();
        }
        catch (LedgerUnavailableException)
        {
            throw;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw LedgerUnavailableException.Locked(Display, _lockTimeout);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            throw LedgerUnavailableException.ServerDamaged(Display, $"a table of the ledger is missing: {Hidden(e.MessageText)}", e);
        }
        catch (PostgresException e) when (writing && (e.SqlState.StartsWith("53", StringComparison.Ordinal) || e.SqlState.StartsWith("58", StringComparison.Ordinal)))
        {
            // Class 53: out of disk space or memory on the server; class 58: an I/O error of the server's.
            throw LedgerUnavailableException.ServerWriteFailed(Display, $"the server could not write it: {Hidden(e.MessageText)}", committing?.Invoke() ?? false, e);
        }
        catch (NpgsqlException e) when (writing && committing?.Invoke() == true)
        {
            throw LedgerUnavailableException.ServerWriteFailed(Display, $"the connection failed: {Hidden(e.Message)}", committed: true, e);
        }
        catch (PostgresException e)
        {
            throw LedgerUnavailableException.ServerUnreachable(Display, $"the server answered {e.SqlState}: {Hidden(e.MessageText)}", e);
        }
        catch (NpgsqlException e)
        {
            throw LedgerUnavailableException.ServerUnreachable(Display, Hidden(Reason(e)), e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Npgsql reads the pgpass file itself, and lets a missing or unreadable one through.
            throw LedgerUnavailableException.ServerUnreachable(Display, $"a file the connection needs could not be read ({Hidden(e.Message.TrimEnd('.'))})", e);
        }
        catch (Exception e) when (PostgresScan.IsDamage(e))
        {
            throw LedgerUnavailableException.ServerDamaged(Display, Hidden(e.Message), e);
        }
    }

    /// <summary>The cause of a connection failure as a person reads it: the socket's words rather than Npgsql's wrapper.</summary>
    private string Reason(NpgsqlException e) => e.InnerException switch
    {
        TimeoutException => string.Create(CultureInfo.InvariantCulture,
            $"no answer within the connect timeout of {_connectTimeout.TotalSeconds:0.###} s (connect_timeout=SECONDS in the address waits longer)"),
        System.Net.Sockets.SocketException or IOException => $"{e.Message.TrimEnd('.')} ({e.InnerException.Message.TrimEnd('.')})",
        _ => e.Message.TrimEnd('.'),
    };

    /// <summary>A message with the address's password taken out, should the server or the driver ever repeat it.</summary>
    private string Hidden(string message) =>
        _server.Password is { Length: > 0 } password ? message.Replace(password, "***", StringComparison.Ordinal) : message;

    public void Dispose() => _source.Dispose();
}
