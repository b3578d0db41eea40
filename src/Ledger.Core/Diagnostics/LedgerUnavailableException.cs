using System.Globalization;
using Ledger.Core.Storage;

namespace Ledger.Core.Diagnostics;

/// <summary>
/// The ledger cannot be used: the file or server cannot be opened or reached, is damaged, comes from a newer Ledger (or,
/// on a server, an older one), or stays locked by another process, or a write to it failed. Always carries a stable LEDGER4xx code and a message that says what to do; a shell
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

    /// <summary>The ledger as the user named it: the file, or the server's address without its password.</summary>
    public string Path { get; }

    /// <summary>What is wrong and what to do about it, without the path and code prefix.</summary>
    public string Problem { get; }

    /// <summary>Always <see cref="Diagnostics.ExitCode.LedgerUnavailable"/>.</summary>
    public ExitCode ExitCode => ExitCode.LedgerUnavailable;

    /// <summary>The same failure, with a sentence about what the steps before it did (`ledger check` runs several calls).</summary>
    public LedgerUnavailableException WithNote(string note) => new(Code, Path, $"{Problem} {note}", this);

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

    /// <summary>A snapshot lists a run whose points the ledger no longer holds: its record was lost or removed.</summary>
    internal static LedgerUnavailableException RunNotHeld(long snapshotId, string digest) =>
        Damaged("the ledger", $"snapshot {snapshotId} names run {digest}, which the ledger does not hold");

    internal static LedgerUnavailableException NewerSchema(string path, int found, int supported) =>
        new(ErrorCodes.LedgerNewerSchema, path,
            $"the ledger was written by a newer Ledger (schema version {found}; this Ledger reads up to {supported}). Update the ledger tool or package; this version will not touch the ledger.",
            null);

    internal static LedgerUnavailableException NotALedger(string path) =>
        new(ErrorCodes.LedgerDamaged, path,
            "the file is empty, so it holds no ledger (a ledger truncated to nothing, or a file made by mktemp or touch). Restore it from a backup or a CI artifact, " +
            "or let ledger append or ledger check make a new ledger in it; this command does not touch it.",
            null);

    internal static LedgerUnavailableException Locked(string path, TimeSpan timeout) =>
        new(ErrorCodes.LedgerLocked, path,
            string.Create(CultureInfo.InvariantCulture,
                $"another process kept the ledger locked for longer than {timeout.TotalSeconds:0.###} s. Retry when it has finished, or raise the lock timeout ") +
            "(--lock-timeout SECONDS, the LEDGER_LOCK_TIMEOUT environment variable, or the LedgerLockTimeout property).",
            null);

    internal static LedgerUnavailableException LockFileUnusable(string path, string lockFile, Exception inner) =>
        new(ErrorCodes.LedgerCannotOpen, path,
            $"cannot take Ledger's lock on it: the lock file {lockFile} cannot be made or opened ({inner.Message}). Make {System.IO.Path.GetDirectoryName(lockFile)} " +
            "a folder every user that runs Ledger may write (mode 1777, as /tmp), or remove it so that Ledger makes it again.",
            inner);

    /// <param name="what">What failed, in words ("no space left on the device holding ledger.db (writing ledger-log.db)").</param>
    /// <param name="remedy">What to do ("free space and run it again").</param>
    /// <param name="log">The write-ahead log as the user would find it, named when it keeps the call's changes.</param>
    internal static LedgerUnavailableException WriteFailed(string path, string what, string remedy, WriteKept kept, string log, Exception? inner) =>
        new(ErrorCodes.LedgerWriteFailed, path, kept switch
        {
            WriteKept.Nothing => $"{what}: {remedy}; nothing of this call was kept.",
            WriteKept.InLog => $"{what}: {remedy}. This call's changes are kept: they are committed in {log}, and the next call that writes the ledger copies them into it.",
            WriteKept.InLedger => $"{what}: {remedy}. This call's changes are in the ledger, but the folder holding it could not be flushed, so a crash of the machine could still lose them.",
            _ => $"{what}, and taking this call back out failed too: part of it may remain in {log}. {char.ToUpperInvariant(remedy[0])}{remedy[1..]}.",
        }, inner);

    internal static LedgerUnavailableException ServerUnreachable(string address, string reason, Exception? inner) =>
        new(ErrorCodes.LedgerCannotOpen, address,
            $"cannot use the ledger's server: {reason}. Check the address (host, port, database, user), that the server runs, and the " +
            "password (in the address, the PGPASSWORD environment variable or a pgpass file).",
            inner);

    internal static LedgerUnavailableException NoServerLedger(string address) =>
        new(ErrorCodes.LedgerCannotOpen, address,
            "the database holds no ledger yet. Append run logs first (ledger append makes the ledger's tables), or make them with " +
            "ledger db upgrade --db ADDRESS; this command does not.",
            null);

    internal static LedgerUnavailableException OlderSchema(string address, int found, int expected) =>
        new(ErrorCodes.LedgerOlderSchema, address,
            $"the server's ledger has schema version {found} and this Ledger needs version {expected}. Run ledger db upgrade --db ADDRESS " +
            "(it applies the missing migrations in one transaction, while other calls wait), then run this again; this command changed nothing.",
            null);

    internal static LedgerUnavailableException ServerDamaged(string address, string reason, Exception? inner) =>
        new(ErrorCodes.LedgerDamaged, address,
            $"a record of the server's ledger cannot be read ({reason}). Restore the database from a backup (ledger import of a " +
            "ledger export, or the server's own backups); Ledger does not repair it in place.",
            inner);

    /// <param name="committed">Whether the failure came while the server committed: then the call may have been kept.</param>
    internal static LedgerUnavailableException ServerWriteFailed(string address, string what, bool committed, Exception? inner) =>
        new(ErrorCodes.LedgerWriteFailed, address, committed
            ? $"{what}, while the server committed this call: it may or may not have been kept. Run it again: a rerun adds nothing twice."
            : $"{what}: fix that on the server and run it again; nothing of this call was kept.",
            inner);

    internal static LedgerUnavailableException NotReadBack(string path, string missing) =>
        new(ErrorCodes.LedgerWriteFailed, path,
            $"the write reported success, but reading the ledger back did not find {missing}: the disk or its file system lost it. Check the disk and run it again.",
            null);
}
