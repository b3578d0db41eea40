namespace Ledger.Core.Storage;

/// <summary>
/// The ledger's memory of one read of one run-log file: the file's state and read options (folded into
/// <paramref name="Key"/>, see <see cref="Pipeline.ReadFileKeys"/>) and the runs that read produced, so that an
/// append can skip a file it has already read, unchanged, as make skips a target newer than its inputs.
/// </summary>
/// <param name="Runs">The runs the file produced, in file order; each is in the ledger, stored by the same transaction.</param>
public sealed record ReadFileRecord(string Key, IReadOnlyList<RecordedRun> Runs)
{
    /// <summary>Ends the scope a key begins with (the reader build and read options it was made under).</summary>
    public const char ScopeEnd = '-';

    /// <summary>The scope of <paramref name="key"/>: what comes before its first <see cref="ScopeEnd"/>; null when it has none.</summary>
    public static string? ScopeOf(string key) => key.IndexOf(ScopeEnd) is > 0 and var end ? key[..end] : null;
}

/// <summary>One run a recorded file produced: enough to add it to a snapshot and repeat its warnings without reading the file.</summary>
public sealed record RecordedRun(string Recipe, string Digest, IReadOnlyList<string> Warnings);
