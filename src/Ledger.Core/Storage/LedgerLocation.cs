using Ledger.Core.Diagnostics;

namespace Ledger.Core.Storage;

/// <summary>
/// Where a ledger is: a file (the embedded LiteDB ledger) or a PostgreSQL server
/// (<c>postgresql://user@host:port/database?options</c>). Parsed once, here, from the text a shell was given
/// (<c>--db</c>, <c>LEDGER_DB</c>, <c>LedgerDatabase</c>); <see cref="LedgerStores"/> opens the store it names.
/// </summary>
/// <remarks>
/// <see cref="Display"/> is what messages name: the file as the user wrote it, or the address without its password.
/// A password never leaves <see cref="Server"/>.
/// </remarks>
public sealed class LedgerLocation
{
    private LedgerLocation(string? file, ServerAddress? server)
    {
        File = file;
        Server = server;
    }

    /// <summary>The ledger file as given (relative to the working folder when not absolute); null for a server.</summary>
    public string? File { get; }

    /// <summary>The server address; null for a file.</summary>
    public ServerAddress? Server { get; }

    public bool IsServer => Server is not null;

    /// <summary>The location as messages name it: never holds a password.</summary>
    public string Display => Server?.Display ?? File!;

    /// <summary>A file or an address.</summary>
    /// <param name="source">What gave the text (<c>--db</c>, <c>LEDGER_DB</c>, a project file), for the error.</param>
    /// <exception cref="LedgerInputException">LEDGER140: an address that cannot be read.</exception>
    public static LedgerLocation Parse(string text, SourceLocation source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return ServerAddress.IsAddress(text) ? new LedgerLocation(null, ServerAddress.Parse(text, source)) : new LedgerLocation(text, null);
    }

    /// <summary>A file location, for callers that hold a path already (tests, the file's own tools).</summary>
    public static LedgerLocation OfFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new LedgerLocation(path, null);
    }

    /// <summary>
    /// <c>--db</c>, else <c>LEDGER_DB</c>, else <c>./ledger.db</c> (<see cref="LedgerPath.Resolve"/>), parsed.
    /// </summary>
    public static LedgerLocation Resolve(string? dbOption, Func<string, string?> environment)
    {
        var text = LedgerPath.Resolve(dbOption, environment);
        var source = !string.IsNullOrWhiteSpace(dbOption) ? "--db" : text == LedgerPath.DefaultFileName ? text : LedgerPath.EnvironmentVariable;
        return Parse(text, SourceLocation.WholeFile(source));
    }

    /// <summary>A file location made absolute against <paramref name="folder"/> (a project's); an address as it is.</summary>
    public LedgerLocation RelativeTo(string folder) => IsServer ? this : new LedgerLocation(Path.GetFullPath(File!, folder), null);

    public override string ToString() => Display;
}
