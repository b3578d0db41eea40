using System.Globalization;
using System.Text;
using Ledger.Core.Diagnostics;
using Ledger.Core.Ingest;

namespace Ledger.Core.Storage;

/// <summary>
/// The sizes a ledger holds, checked before anything is written: an input beyond them is the user's input error (exit 2)
/// with the limit named, not a damaged ledger. The ledger indexes commits, branches and recipes (LiteDB refuses an index
/// key over 1,023 bytes), and keeps a run's points in one record or, past 8 MiB, split across several.
/// </summary>
public static class LedgerLimits
{
    /// <summary>The most points one run may hold. Measured on this 2-core machine: a 10,000,000-point run is stored and read back in seconds (README).</summary>
    public const int MaxPointsPerRun = 10_000_000;

    /// <summary>The most bytes of UTF-8 in a commit, branch or recipe name.</summary>
    public const int MaxNameBytes = 512;

    /// <summary>Checks a build's commit and branch.</summary>
    /// <exception cref="LedgerInputException">LEDGER133: one of them is longer than <see cref="MaxNameBytes"/>.</exception>
    public static void CheckBuild(string commit, string branch)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(branch);
        CheckName("commit", commit, SourceLocation.WholeFile("--commit"));
        CheckName("branch", branch, SourceLocation.WholeFile("--branch"));
    }

    /// <summary>Checks everything an append would store: the build's commit and branch, and each run's recipe and size.</summary>
    /// <exception cref="LedgerInputException">LEDGER133 a name too long; LEDGER134 a run with more than <see cref="MaxPointsPerRun"/> points.</exception>
    public static void Check(SnapshotDraft draft, IEnumerable<RunLog> runs)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(runs);
        CheckBuild(draft.Commit, draft.Branch);
        foreach (var run in runs)
        {
            var source = SourceLocation.WholeFile(run.SourcePath);
            CheckName("recipe", run.Recipe, source);
            if (run.Points.Count > MaxPointsPerRun)
            {
                throw new LedgerInputException(ErrorCodes.RunTooLarge, source,
                    string.Create(CultureInfo.InvariantCulture, $"run '{run.RunName}' with {run.Points.Count:N0} points"),
                    string.Create(CultureInfo.InvariantCulture, $"at most {MaxPointsPerRun:N0} points per run, the most a ledger run holds (split the log, or thin its points)"));
            }
        }
    }

    private static void CheckName(string what, string name, SourceLocation location)
    {
        var bytes = Encoding.UTF8.GetByteCount(name);
        if (bytes <= MaxNameBytes)
            return;
        throw new LedgerInputException(ErrorCodes.NameTooLong, location,
            string.Create(CultureInfo.InvariantCulture, $"a {what} of {bytes:N0} bytes ('{name[..Math.Min(name.Length, 40)]}...')"),
            string.Create(CultureInfo.InvariantCulture, $"a {what} of at most {MaxNameBytes} bytes of UTF-8, the longest the ledger indexes"));
    }
}
