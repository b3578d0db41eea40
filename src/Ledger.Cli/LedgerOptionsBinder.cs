using System.CommandLine;
using Ledger.Core.Diagnostics;
using Ledger.Core.Storage;

namespace Ledger.Cli;

/// <summary>The options every verb that uses the ledger shares: which ledger (a file or a server), how long to wait for it, and which build.</summary>
/// <param name="commitDescription">Help for --commit; null for a verb that picks its snapshot by branch alone (no --commit option then).</param>
/// <param name="branchDescription">Help for --branch; null for a verb that reads every branch (no --branch option then).</param>
internal sealed class LedgerOptionsBinder(string? commitDescription, string? branchDescription)
{
    private readonly Option<string?> _db = new("--db")
    {
        Description = $"The ledger: a file, or a PostgreSQL server's address postgresql://user@host:port/database (default: the {LedgerPath.EnvironmentVariable} " +
                      $"environment variable, else ./{LedgerPath.DefaultFileName}). Give a server's password in PGPASSWORD or a pgpass file rather than in the address.",
        HelpName = "PATH|ADDRESS",
    };
    private readonly Option<string?> _lockTimeout = new(LedgerLockTimeout.Option)
    {
        Description = $"Seconds to wait while another process uses the ledger before giving up with LEDGER404 (default: the {LedgerLockTimeout.EnvironmentVariable} " +
                      "environment variable, else 30; 0 does not wait).",
        HelpName = "SECONDS",
    };
    private readonly Option<string?>? _commit = commitDescription is null ? null : new("--commit") { Description = commitDescription };
    private readonly Option<string?>? _branch = branchDescription is null ? null : new("--branch") { Description = branchDescription };

    public void AddTo(Command command)
    {
        command.Options.Add(_db);
        command.Options.Add(_lockTimeout);
        if (_commit is not null)
            command.Options.Add(_commit);
        if (_branch is not null)
            command.Options.Add(_branch);
    }

    /// <summary>--db, else LEDGER_DB, else ./ledger.db.</summary>
    public LedgerLocation Location(ParseResult parsed) => LedgerLocation.Resolve(parsed.GetValue(_db), Environment.GetEnvironmentVariable);

    /// <summary>The --db given on the command line, or null (then a project's LedgerDatabase may decide).</summary>
    public LedgerLocation? ExplicitLocation(ParseResult parsed) =>
        parsed.GetValue(_db) is { } db && !string.IsNullOrWhiteSpace(db) ? LedgerLocation.Resolve(db, Environment.GetEnvironmentVariable) : null;

    /// <summary>Opens the ledger the options name, for what the verb may do with it.</summary>
    public ILedgerStore Open(ParseResult parsed, LedgerAccess access) => LedgerStores.Open(Location(parsed), access, LockTimeout(parsed));

    /// <summary>--lock-timeout, else LEDGER_LOCK_TIMEOUT, else 30 s.</summary>
    public TimeSpan LockTimeout(ParseResult parsed) =>
        LedgerLockTimeout.Resolve(parsed.GetValue(_lockTimeout), LedgerLockTimeout.Option, SourceLocation.WholeFile(LedgerLockTimeout.Option),
            Environment.GetEnvironmentVariable);

    /// <summary>The --lock-timeout given on the command line, or null (then a project's LedgerLockTimeout may decide).</summary>
    public TimeSpan? ExplicitLockTimeout(ParseResult parsed) => parsed.GetValue(_lockTimeout) is null ? null : LockTimeout(parsed);

    public string? Commit(ParseResult parsed) => _commit is null ? null : parsed.GetValue(_commit);

    public string? Branch(ParseResult parsed) => _branch is null ? null : parsed.GetValue(_branch);
}
