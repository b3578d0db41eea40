using Ledger.Core.Storage.LiteDb;
using Ledger.Core.Storage.Postgres;

namespace Ledger.Core.Storage;

/// <summary>
/// Opens the store a <see cref="LedgerLocation"/> names: the LiteDB file or the PostgreSQL server. The one place that
/// knows the implementations; the verbs, the CLI and the MSBuild tasks only hold a location.
/// </summary>
public static class LedgerStores
{
    /// <param name="lockTimeout">
    /// How long each call waits for another process's call on the same ledger (the file's lock; a server's row and
    /// advisory locks); default <see cref="LedgerLockTimeout.Default"/>.
    /// </param>
    /// <exception cref="Diagnostics.LedgerUnavailableException">The ledger cannot be used (exit 3), with what to do.</exception>
    public static ILedgerStore Open(LedgerLocation location, LedgerAccess access, TimeSpan? lockTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Server is { } server
            ? PostgresLedgerStore.Open(server, access, lockTimeout ?? LedgerLockTimeout.Default)
            : LiteDbLedgerStore.Open(location.File!, access, lockTimeout);
    }

    /// <summary>
    /// The ledger opened to read and write if it already holds one, else null without creating anything: for an append
    /// that consults the ledger (which files it has read) before it knows its input is good. A server that cannot be
    /// reached is null here too; the open that follows the reading of the logs reports it.
    /// </summary>
    public static ILedgerStore? OpenIfExists(LedgerLocation location, TimeSpan? lockTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Server is { } server
            ? PostgresLedgerStore.OpenIfExists(server, lockTimeout ?? LedgerLockTimeout.Default)
            : LiteDbLedgerStore.OpenIfExists(location.File!, lockTimeout);
    }

    /// <summary>
    /// Brings a server ledger's schema up to this Ledger's (`ledger db upgrade`); a ledger file needs nothing, since the
    /// write that first needs a newer layout raises its version.
    /// </summary>
    /// <returns>The schema version before and after; null for a file.</returns>
    public static (int Before, int After)? Upgrade(LedgerLocation location, TimeSpan? lockTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Server is { } server ? PostgresLedgerStore.Upgrade(server, lockTimeout ?? LedgerLockTimeout.Default) : null;
    }
}
