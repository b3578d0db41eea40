using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>Reads one run-log file (CSV or JSON Lines) into the runs it holds.</summary>
public static class RunLogReader
{
    /// <summary>
    /// Reads <paramref name="path"/> whole: one <see cref="RunLog"/> per recipe and run, in order of first appearance.
    /// </summary>
    /// <exception cref="LedgerInputException">
    /// For any bad input: invalid options, a missing or unreadable file, or content that is not a valid run log.
    /// Nothing is returned in part: a file is read whole or not at all.
    /// </exception>
    public static IReadOnlyList<RunLog> Read(string path, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        ReadOptionsValidator.Validate(options, path);
        if (!File.Exists(path))
            throw InputErrors.InFile(ErrorCodes.FileNotFound, path,
                Directory.Exists(path) ? "a folder" : "no such file", "a run-log file (expand folders and globs with RunLogSources)");
        var format = LogFormats.Resolve(path, options.Format);
        try
        {
            using var table = Open(path, format);
            var log = new PreparedLog(table, ColumnResolver.Resolve(path, table, options), RunNames.ForFile(path));
            return new RunAssembler(path, format, log, options).Assemble();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw InputErrors.InFile(ErrorCodes.CannotReadFile, path, $"a file that cannot be read ({e.Message.TrimEnd('.')})", "a readable file");
        }
    }

    private static LogTable Open(string path, string format)
    {
        var lines = new Utf8LineReader(path, new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read));
        return format == LogFormats.Csv ? CsvLogTable.Open(path, lines) : JsonLinesLogTable.Read(path, lines);
    }
}
