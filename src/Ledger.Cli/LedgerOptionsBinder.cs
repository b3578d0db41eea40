using System.CommandLine;
using Ledger.Core.Storage;

namespace Ledger.Cli;

/// <summary>The options every verb that uses the ledger shares: which file, and which build.</summary>
/// <param name="commitDescription">Help for --commit; null for a verb that picks its snapshot by branch alone (no --commit option then).</param>
internal sealed class LedgerOptionsBinder(string? commitDescription, string branchDescription)
{
    private readonly Option<string?> _db = new("--db")
    {
        Description = $"The ledger file (default: the {LedgerPath.EnvironmentVariable} environment variable, else ./{LedgerPath.DefaultFileName}).",
    };
    private readonly Option<string?>? _commit = commitDescription is null ? null : new("--commit") { Description = commitDescription };
    private readonly Option<string?> _branch = new("--branch") { Description = branchDescription };

    public void AddTo(Command command)
    {
        command.Options.Add(_db);
        if (_commit is not null)
            command.Options.Add(_commit);
        command.Options.Add(_branch);
    }

    public string DbPath(ParseResult parsed) => LedgerPath.Resolve(parsed.GetValue(_db), Environment.GetEnvironmentVariable);

    /// <summary>The --db given on the command line, or null (then a project's LedgerDatabase may decide).</summary>
    public string? ExplicitDbPath(ParseResult parsed) => parsed.GetValue(_db);

    public string? Commit(ParseResult parsed) => _commit is null ? null : parsed.GetValue(_commit);

    public string? Branch(ParseResult parsed) => parsed.GetValue(_branch);
}
