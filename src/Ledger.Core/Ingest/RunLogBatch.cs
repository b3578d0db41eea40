using Ledger.Core.Concurrency;

namespace Ledger.Core.Ingest;

/// <summary>
/// Reads many run-log files at once, spread over the cores (reading dominates an append of thousands of logs),
/// with the result of a sequential read: runs in file order, and when files are bad, the error of the first bad
/// file in that order, whichever thread met it first.
/// </summary>
public static class RunLogBatch
{
    public static IReadOnlyList<RunLog> Read(IReadOnlyList<string> files, ReadOptions options, IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        return ReadEach(files.Select(file => (file, options)).ToList(), progress).SelectMany(runs => runs).ToList();
    }

    /// <summary>The runs of each file, each read with its own options, in the order of <paramref name="files"/>.</summary>
    /// <param name="progress">Told how many files have been read, as they finish.</param>
    public static IReadOnlyList<IReadOnlyList<RunLog>> ReadEach(IReadOnlyList<(string Path, ReadOptions Options)> files,
        IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var done = 0;
        return ParallelInOrder.Map(files, file =>
        {
            try
            {
                return RunLogReader.Read(file.Path, file.Options);
            }
            finally
            {
                progress?.Report((Interlocked.Increment(ref done), files.Count));
            }
        });
    }
}
