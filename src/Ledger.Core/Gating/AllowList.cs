using System.Globalization;
using Ledger.Core.Diagnostics;

namespace Ledger.Core.Gating;

/// <summary>
/// One accepted regression from ledger.allow.json: the recipe, why, and until when. An entry with a date allows
/// builds up to and including that day; an entry with a commit allows only the build of that commit (the next
/// commit compares against a baseline that already has the drop).
/// </summary>
public sealed record AllowEntry(string Recipe, string Reason, DateOnly? Expires, string? Commit)
{
    /// <summary>The shortest abbreviated commit an entry may name (git's default abbreviation).</summary>
    public const int MinCommitLength = 7;

    /// <summary>The longest: a full SHA-256 commit.</summary>
    public const int MaxCommitLength = 64;

    public bool IsActive(string commit, DateOnly today) =>
        (Expires is not { } date || today <= date) && (Commit is not { } allowed || SameCommit(allowed, commit));

    /// <summary>
    /// Whether two commit names are abbreviations of one commit: both at least <see cref="MinCommitLength"/> hex
    /// digits and the shorter a prefix of the longer (ignoring case). A build named "local", a branch name or a
    /// short prefix never matches, so an entry cannot allow more than the one build it names.
    /// </summary>
    public static bool SameCommit(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!IsAbbreviatedCommit(a) || !IsAbbreviatedCommit(b))
            return false;
        var (shorter, longer) = a.Length <= b.Length ? (a, b) : (b, a);
        return longer.StartsWith(shorter, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary><see cref="MinCommitLength"/> to <see cref="MaxCommitLength"/> hex digits.</summary>
    public static bool IsAbbreviatedCommit(string text) =>
        text.Length is >= MinCommitLength and <= MaxCommitLength && text.All(char.IsAsciiHexDigit);

    public string DescribeExpiry() => (Expires, Commit) switch
    {
        ({ } date, _) => $"expires {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
        (_, { } commit) => $"for commit {commit}",
        _ => "no expiry",
    };
}

/// <summary>
/// ledger.allow.json, reviewed like code:
/// <c>{ "allow": [ { "recipe": "grpo-b512", "reason": "...", "expires": "2026-12-31" } ] }</c>
/// (or <c>"commit": "3f2a1c9"</c> instead of a date). Every entry must name a recipe, give a reason and an expiry.
/// </summary>
public sealed class AllowList(IReadOnlyList<AllowEntry> entries)
{
    public static AllowList Empty { get; } = new([]);

    public IReadOnlyList<AllowEntry> Entries { get; } = entries;

    public AllowEntry? For(string recipe) => Entries.FirstOrDefault(e => e.Recipe == recipe);

    /// <param name="mustExist">
    /// True when the user named the file (--allow-list, LedgerAllowList): then a missing file is an error, since a
    /// typo would otherwise allow nothing without a word. False for the default file, whose absence allows nothing.
    /// </param>
    /// <exception cref="LedgerInputException">
    /// LEDGER101 a named file that does not exist; LEDGER122 a file that is not a valid allow-list, at the line and
    /// column of the problem.
    /// </exception>
    public static AllowList Load(string path, bool mustExist = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return mustExist
                ? throw new LedgerInputException(ErrorCodes.FileNotFound, SourceLocation.WholeFile(path),
                    Directory.Exists(path) ? "a folder" : "no such file", "the allow-list file named by --allow-list or LedgerAllowList")
                : Empty;
        }
        return new AllowList(AllowListFile.Read(path));
    }
}
