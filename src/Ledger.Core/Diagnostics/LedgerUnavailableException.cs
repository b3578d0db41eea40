namespace Ledger.Core.Diagnostics;

/// <summary>
/// The ledger file cannot be used: it cannot be opened, is damaged, comes from a newer Ledger, or stays locked
/// by another process. Always carries a stable LEDGER4xx code and a message that says what to do; a shell
/// prints it as <c>path: error CODE: message</c> and exits with <see cref="ExitCode.LedgerUnavailable"/> (3).
/// </summary>
public sealed class LedgerUnavailableException : Exception
{
    private LedgerUnavailableException(string code, string path, string problem, Exception? inner)
        : base($"{DisplayText.Escape(path)}: error {code}: {problem}", inner)
    {
        Code = code;
        Path = path;
        Problem = problem;
    }

    /// <summary>One of the LEDGER4xx codes of <see cref="ErrorCodes"/>.</summary>
    public string Code { get; }

    /// <summary>The ledger file as the user named it.</summary>
    public string Path { get; }

    /// <summary>What is wrong and what to do about it, without the path and code prefix.</summary>
    public string Problem { get; }

    /// <summary>Always <see cref="Diagnostics.ExitCode.LedgerUnavailable"/>.</summary>
    public ExitCode ExitCode => ExitCode.LedgerUnavailable;

    internal static LedgerUnavailableException CannotOpen(string path, string reason, Exception? inner = null) =>
        new(ErrorCodes.LedgerCannotOpen, path,
            $"cannot open the ledger: {reason}. Check that the folder exists and is writable, or choose another file with --db or LEDGER_DB.",
            inner);

    internal static LedgerUnavailableException Missing(string path) =>
        new(ErrorCodes.LedgerCannotOpen, path,
            "there is no ledger file here. Append run logs first (ledger append), or name the ledger with --db or LEDGER_DB.",
            null);

    internal static LedgerUnavailableException Damaged(string path, string reason, Exception? inner = null) =>
        new(ErrorCodes.LedgerDamaged, path,
            $"the ledger file is damaged or is not a Ledger file ({reason}). Restore it from a backup or a CI artifact, or choose another file with --db or LEDGER_DB; Ledger does not repair it in place.",
            inner);

    internal static LedgerUnavailableException NewerSchema(string path, int found, int supported) =>
        new(ErrorCodes.LedgerNewerSchema, path,
            $"the ledger was written by a newer Ledger (schema version {found}; this Ledger reads up to {supported}). Update the ledger tool or package; this version will not touch the file.",
            null);

    internal static LedgerUnavailableException Locked(string path, TimeSpan timeout) =>
        new(ErrorCodes.LedgerLocked, path,
            $"another process kept the ledger locked for longer than {timeout.TotalSeconds:0.###} s. Retry when it has finished, or raise the lock timeout.",
            null);
}
