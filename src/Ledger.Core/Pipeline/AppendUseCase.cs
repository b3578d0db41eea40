using Ledger.Core.Concurrency;
using Ledger.Core.Diagnostics;
using Ledger.Core.Ingest;
using Ledger.Core.Provenance;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>
/// `ledger append`: reads every log, then adds all of them to the ledger in one store call under the build's
/// commit and branch. A file is appended whole or not at all, and so is the call: every log is read and checked
/// before anything is written, so bad input (exit 2) cannot leave a half-written ledger, or create one; so is what the
/// ledger cannot hold (<see cref="LedgerLimits"/>: a commit, branch or recipe too long to index, a run of too many points).
/// A file the ledger has already read, unchanged (see <see cref="ReadFileKeys"/>), is not read again: its runs are
/// taken from the ledger's record of that read, with the same snapshot, counts and warnings as a fresh read gives.
/// </summary>
public static class AppendUseCase
{
    /// <param name="openStore">Opens the ledger, creating it if need be; called only after every log has been read successfully.</param>
    /// <param name="openExistingStore">
    /// Opens the ledger only if it already exists (null otherwise), before any log is read, to learn which files it
    /// has read; a ledger it opens is also the one appended to. Null reads every file.
    /// </param>
    /// <param name="progress">Shown the reading of the logs.</param>
    /// <exception cref="Diagnostics.LedgerInputException">A path or a log is bad; nothing was written.</exception>
    /// <exception cref="Diagnostics.LedgerUnavailableException">The ledger cannot be opened or written; nothing was written.</exception>
    public static AppendOutcome Run(AppendRequest request, Func<ILedgerStore> openStore, Func<ILedgerStore?>? openExistingStore = null,
        StepProgress? progress = null)
    {
        var (outcome, store, _) = RunKeepingStore(request, openStore, openExistingStore, progress);
        store.Dispose();
        return outcome;
    }

    /// <summary>
    /// As <see cref="Run"/>, and hands over the store it appended with, still open, for the caller to go on with and
    /// dispose: `ledger check` fits and gates on it rather than open the ledger again (and probe it again: 0.1 s of a
    /// 0.8 s rerun on 1,000 recipes); and the runs it stored (<see cref="AppendResult.Stored"/>), which the check fits
    /// without reading them back.
    /// </summary>
    internal static (AppendOutcome Outcome, ILedgerStore Store, IReadOnlyList<StoredRun> Stored) RunKeepingStore(AppendRequest request, Func<ILedgerStore> openStore,
        Func<ILedgerStore?>? openExistingStore, StepProgress? progress)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(openStore);
        // First: a commit or branch that cannot be stored (LEDGER130, or LEDGER133 too long to index) fails before a log is
        // read or the ledger opened.
        var provenance = BuildProvenance.Detect(request.CommitOption, request.BranchOption, request.Environment, request.BaseDirectory);
        LedgerLimits.CheckBuild(provenance.Commit, provenance.Branch);

        // The ledger is opened and probed on another thread while this one lists the logs and takes their states: neither
        // needs the other, and the open only reads. On a rerun of 1,000 recipes the listing waits on the file system
        // with a core to spare, and the open and probe took a sixth of the whole.
        var opening = openExistingStore is null ? null : Task.Run(openExistingStore);
        List<(string Path, ReadOptions Read, string? Key)> files;
        try
        {
            files = ListLogs(request);
        }
        catch
        {
            // A bad path is what the user hears of, whatever the ledger's state; the ledger opened meanwhile is closed unused.
            CloseUnused(opening);
            throw;
        }
        var fileKeys = files.Select(file => file.Key).ToList();
        var store = opening?.GetAwaiter().GetResult();
        try
        {
            var known = store?.FindReadFiles(fileKeys.OfType<string>().ToList()) ?? new Dictionary<string, ReadFileRecord>();
            var toRead = Enumerable.Range(0, files.Count).Where(i => fileKeys[i] is not { } key || !known.ContainsKey(key)).ToList();
            var read = RunLogBatch.ReadEach(toRead.Select(i => (files[i].Path, files[i].Read)).ToList(), progress?.Invoke("read", "logs"));
            var readRuns = toRead.Select((fileIndex, k) => (fileIndex, Runs: read[k])).ToDictionary(x => x.fileIndex, x => x.Runs);

            var sources = new List<AppendSource>(files.Count);
            var warnings = new List<string>();
            var runCount = 0;
            for (var i = 0; i < files.Count; i++)
            {
                if (readRuns.TryGetValue(i, out var runs))
                {
                    var relative = runs.Select(run => run with { SourcePath = RunLogPaths.Relative(run.SourcePath, request.BaseDirectory) }).ToList();
                    sources.Add(AppendSource.Read(fileKeys[i], relative));
                    warnings.AddRange(relative.SelectMany(run => run.Warnings.Select(w => Warning(run.SourcePath, w))));
                    runCount += relative.Count;
                }
                else
                {
                    var record = known[fileKeys[i]!];
                    sources.Add(AppendSource.Reused(record));
                    var source = RunLogPaths.Relative(files[i].Path, request.BaseDirectory);
                    warnings.AddRange(record.Runs.SelectMany(run => run.Warnings.Select(w => Warning(source, w))));
                    runCount += record.Runs.Count;
                }
            }

            var draft = new SnapshotDraft(provenance.Commit, provenance.Branch, request.Time);
            LedgerLimits.Check(draft, sources.SelectMany(source => source.Runs));
            store ??= openStore();
            var result = store.AppendFiles(draft, sources);
            return (new AppendOutcome(provenance, result.Snapshot, runCount, result.NewRuns, result.ExistingRuns, warnings.Distinct().ToList(),
                FilesRead: toRead.Count, FilesReused: files.Count - toRead.Count), store, result.Stored);
        }
        catch
        {
            store?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Every log with the options it is read with, and its key; each file's state is taken before it is read, so a file
    /// that changes during the read looks changed next time.
    /// </summary>
    private static List<(string Path, ReadOptions Read, string? Key)> ListLogs(AppendRequest request) => request.Logs
        .SelectMany(selection =>
        {
            var keys = new ReadFileKeys(selection.Read);
            // A file's key is its state as listing took it (one look at each of 10,000 files) and a SHA-256, in parallel.
            var logs = RunLogSources.List(selection.Paths, request.BaseDirectory);
            return logs.Zip(ParallelInOrder.Map(logs, log => keys.For(log.Path, log.Status)), (log, key) => (log.Path, selection.Read, Key: key));
        })
        .ToList();

    private static void CloseUnused(Task<ILedgerStore?>? opening)
    {
        if (opening is null)
            return;
        try
        {
            opening.GetAwaiter().GetResult()?.Dispose();
        }
        catch (Exception e) when (e is LedgerUnavailableException or LedgerInputException or IOException or UnauthorizedAccessException)
        {
            // The bad path is reported; a ledger that could not be opened either changes nothing of that.
        }
    }

    private static string Warning(string source, string warning) => $"{DisplayText.Escape(source)}: warning: {DisplayText.Escape(warning)}";
}
