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
        var read = new IReadOnlyList<RunLog>[files.Count];
        var errors = new Exception?[files.Count];
        var done = 0;
        Parallel.For(0, files.Count, i =>
        {
            try
            {
                read[i] = RunLogReader.Read(files[i].Path, files[i].Options);
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
            progress?.Report((Interlocked.Increment(ref done), files.Count));
        });
        if (errors.FirstOrDefault(e => e is not null) is { } first)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        return read;
    }
}
