using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>
/// Reads one run log into the runs it holds: a CSV or JSON Lines log, one of the exports users already have (W&amp;B
/// history and chart CSV, MLflow metric history, TensorBoard scalar CSV, Hugging Face trainer_state.json), or an
/// MLflow run folder. How the format is chosen is documented on the formats (LogFormats).
/// </summary>
public static class RunLogReader
{
    /// <summary>Every format name ReadOptions.Format accepts (csv, jsonl, wandb-chart, mlflow-run, ...).</summary>
    public static IReadOnlyList<string> FormatNames => LogFormats.Names;

    /// <summary>
    /// Reads <paramref name="path"/> whole: one <see cref="RunLog"/> per recipe and run, in order of first appearance
    /// (for a one-run-per-column export, in column order).
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
        var requested = options.Format is { } name ? LogFormats.Canonical(name) : null;
        try
        {
            if (Directory.Exists(path) && MlflowRunFolder.Is(path) && requested is null or LogFormats.MlflowRun)
                return Assemble(path, LogFormats.MlflowRun, MlflowRunFolder.Read(path, options), options);
            if (!File.Exists(path))
                throw InputErrors.InFile(ErrorCodes.FileNotFound, path,
                    Directory.Exists(path) ? "a folder" : "no such file",
                    "a run-log file or an MLflow run folder (holding metrics/ and meta.yaml); expand other folders and globs with RunLogSources");
            if (requested == LogFormats.MlflowRun)
                throw InputErrors.InFile(ErrorCodes.InvalidOption, path, "Format = 'mlflow-run' for a file",
                    "an MLflow run folder (holding metrics/ and meta.yaml), or another format");
            return ReadFile(path, requested, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw InputErrors.InFile(ErrorCodes.CannotReadFile, path, $"a file that cannot be read ({e.Message.TrimEnd('.')})", "a readable file");
        }
    }

    private static IReadOnlyList<RunLog> ReadFile(string path, string? requested, ReadOptions options)
    {
        var format = requested ?? LogFormats.FromFileName(path);
        if (format == LogFormats.TrainerState)
            return Assemble(path, format, TrainerStateLog.Read(path, options), options);
        if (format == LogFormats.JsonLines)
        {
            var table = JsonLinesLogTable.Read(path, new Utf8LineReader(path, LogFile.OpenRead(path)));
            return Assemble(path, format, new PreparedLog(table, ColumnResolver.Resolve(path, table, options), RunNames.ForFile(path)), options);
        }
        using var csv = CsvLogTable.Open(path, LogFile.OpenRead(path));
        format = requested ?? LogFormats.FromHeader(csv.Columns);
        var log = format switch
        {
            LogFormats.WandbChart => RunPerColumnExport.ReadChart(path, csv, options),
            LogFormats.Wide => RunPerColumnExport.ReadWide(path, csv, options),
            LogFormats.MlflowMetrics => MlflowMetricHistory.Read(path, csv, options),
            LogFormats.TensorBoard => TensorBoardScalars.Read(path, csv, options),
            _ => new PreparedLog(csv, ColumnResolver.Resolve(path, csv, options, requested is null ? LogFormats.Resembles(csv.Columns) : null), RunNames.ForFile(path)),
        };
        return Assemble(path, format, log, options);
    }

    private static IReadOnlyList<RunLog> Assemble(string path, string format, PreparedLog log, ReadOptions options) =>
        new RunAssembler(path, format, log, options).Assemble();
}
