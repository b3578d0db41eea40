using System.Diagnostics;
using Npgsql;

namespace Ledger.Core.Storage.Postgres;

/// <summary>
/// Opens a connection again when Npgsql's connect timeout expired sooner than it was set to. Npgsql measures that
/// timeout on the wall clock: a step of the system clock (NTP setting a fresh machine's clock, say) expires it at once,
/// and a gate would fail on a server that answers. A timeout that came before half its time on the monotonic clock is
/// such a step; a true one has taken all its time and is final.
/// </summary>
internal static class ClockStepRetry
{
    /// <summary>Tries at a connection: the first, and one for each clock step a call may meet (one is all one expects).</summary>
    private const int MaxAttempts = 3;

    /// <param name="open">Opens one connection (a pooled one, or a new one it disposes itself when it fails).</param>
    /// <param name="connectTimeout">The timeout the connection string sets (zero: none).</param>
    public static NpgsqlConnection Open(Func<NpgsqlConnection> open, TimeSpan connectTimeout)
    {
        ArgumentNullException.ThrowIfNull(open);
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return open();
            }
            catch (NpgsqlException e) when (e.InnerException is TimeoutException && attempt < MaxAttempts
                                            && Stopwatch.GetElapsedTime(started) < connectTimeout / 2)
            {
                // The clock stepped: the next try measures from the clock as it now stands.
            }
        }
    }

    /// <summary>The connect timeout a connection string sets.</summary>
    public static TimeSpan TimeoutOf(string connectionString) => TimeSpan.FromSeconds(new NpgsqlConnectionStringBuilder(connectionString).Timeout);
}
