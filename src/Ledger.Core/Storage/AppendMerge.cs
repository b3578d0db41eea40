using Ledger.Core.Ingest;

namespace Ledger.Core.Storage;

/// <summary>
/// What an append call means, whichever store keeps it: each run read now is identified by its digest, every run of
/// every source joins the snapshot in file order (<see cref="SnapshotRecipes"/>), a source read now with a key is
/// recorded as read, and a source reused from its record adds its runs, counted as already in the ledger.
/// </summary>
internal static class AppendMerge
{
    /// <summary>What every store checks before it writes an append: a draft with a commit and a branch, and what the ledger can hold.</summary>
    /// <exception cref="Diagnostics.LedgerInputException">LEDGER133 a name too long; LEDGER134 a run too large (see <see cref="LedgerLimits"/>).</exception>
    public static void Check(SnapshotDraft draft, IReadOnlyList<AppendSource> sources)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.Commit, nameof(draft));
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.Branch, nameof(draft));
        LedgerLimits.Check(draft, sources.SelectMany(source => source.Runs));
    }

    /// <summary>The runs read now, in source order, each with its digest: what the store keeps when it lacks the digest.</summary>
    public static List<(RunLog Run, string Digest)> ReadRuns(IReadOnlyList<AppendSource> sources) =>
        sources.SelectMany(source => source.Runs).Select(run => (run, RunDigest.Compute(run))).ToList();

    /// <summary>Adds every source's runs to <paramref name="recipes"/> and returns the read records to store.</summary>
    /// <param name="readRuns">As <see cref="ReadRuns"/> gave them.</param>
    public static List<ReadFileRecord> AddToSnapshot(SnapshotRecipes recipes, IReadOnlyList<AppendSource> sources, IReadOnlyList<(RunLog Run, string Digest)> readRuns)
    {
        var readNow = new List<ReadFileRecord>();
        var next = 0;
        foreach (var source in sources)
        {
            if (source.Known is { } known)
            {
                // Recorded in the transaction that stored these runs, and runs are never deleted: no need to look.
                foreach (var run in known.Runs)
                    recipes.Add(run.Recipe, run.Digest);
                continue;
            }
            var recorded = new List<RecordedRun>(source.Runs.Count);
            foreach (var run in source.Runs)
            {
                var digest = readRuns[next++].Digest;
                recipes.Add(run.Recipe, digest);
                recorded.Add(new RecordedRun(run.Recipe, digest, run.Warnings));
            }
            if (source.Key is { } key)
                readNow.Add(new ReadFileRecord(key, recorded));
        }
        return readNow;
    }

    /// <summary>How many runs the call names in all: read now, and reused from records.</summary>
    public static int AllRuns(IReadOnlyList<AppendSource> sources) => sources.Sum(source => source.Known?.Runs.Count ?? source.Runs.Count);
}
