using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>
/// A CSV with one run per column and a shared step column: the W&amp;B chart export (<c>Step</c>, then
/// <c>&lt;run&gt; - &lt;metric&gt;</c> and band columns) or the wide layout (<c>Step,&lt;run&gt;,&lt;run&gt;,...</c>). It is
/// reshaped into one row per run and step, run by run in column order, so that runs come out in the order of the
/// columns; a blank cell (a run that did not log that step) is a row with a blank metric, skipped and counted as one.
/// Compute is step x GpuHoursPerStep: these exports have no other x axis.
/// </summary>
internal static class RunPerColumnExport
{
    private const string RunColumn = "run";

    /// <summary>
    /// The W&amp;B chart export. Band columns are ignored. The metric is RewardColumn when given; else the export's only
    /// metric; else 'reward' if it is among several.
    /// </summary>
    public static PreparedLog ReadChart(string path, CsvLogTable csv, ReadOptions options)
    {
        var parsed = csv.Columns.Select(WandbChartColumn.Parse).ToList();
        var seriesColumns = Enumerable.Range(1, csv.Columns.Count - 1).Where(k => !parsed[k].IsBand).ToList();
        var metrics = seriesColumns.Select(k => parsed[k].Metric).Distinct(StringComparer.Ordinal).ToList();
        var metric = options.RewardColumn
            ?? (metrics.Count == 1 ? metrics[0] : metrics.Contains(ColumnResolver.DefaultReward) ? ColumnResolver.DefaultReward : null)
            ?? throw MissingMetric(path, csv, metrics, "RewardColumn naming one of them");
        var series = seriesColumns.Where(k => parsed[k].Metric == metric).Select(k => (k, parsed[k].Run)).ToList();
        if (series.Count == 0)
            throw MissingMetric(path, csv, metrics, $"a column '<run> - {metric}' (as RewardColumn says)");
        var mapping = StepAxis.Resolve(path, csv.HeaderLine, options, csv.Columns[0], "a W&B chart export");
        var rows = csv.Rows().ToList();
        return Reshape(path, csv, rows, 0, series, metric, mapping, DownSampling.Check(rows.Count, "a W&B chart export"));
    }

    /// <summary>
    /// The wide layout: the step column is StepColumn, else the first; every other column is a run named by its header.
    /// The file does not name the metric, so the points are labelled with RewardColumn, else 'reward'.
    /// </summary>
    public static PreparedLog ReadWide(string path, CsvLogTable csv, ReadOptions options)
    {
        var step = options.StepColumn is { } stepName
            ? csv.IndexOf(stepName) ?? throw InputErrors.At(ErrorCodes.MissingColumn, path, csv.HeaderLine, 1,
                $"the columns {InputErrors.ListColumns(csv.Columns)}", $"a column named '{stepName}' (as StepColumn says)")
            : 0;
        var series = Enumerable.Range(0, csv.Columns.Count).Where(k => k != step).Select(k => (k, csv.Columns[k])).ToList();
        if (series.Count == 0)
            throw InputErrors.At(ErrorCodes.MissingColumn, path, csv.HeaderLine, 1, $"only the step column '{csv.Columns[step]}'",
                "a step column and one column per run");
        var mapping = StepAxis.Resolve(path, csv.HeaderLine, options, csv.Columns[step], "a wide export (one run per column)");
        var rows = csv.Rows().ToList();
        return Reshape(path, csv, rows, step, series, options.RewardColumn ?? ColumnResolver.DefaultReward, mapping, []);
    }

    private static PreparedLog Reshape(string path, CsvLogTable csv, List<LogRow> rows, int step, List<(int Column, string Run)> series, string metric,
        ComputeMapping mapping, IReadOnlyList<string> warnings)
    {
        var points = new List<LogRow>();
        foreach (var (column, run) in series)
        {
            var runCell = csv.HeaderCells[column] with { Text = run };
            foreach (var row in rows)
                points.Add(new LogRow(row.Line, [runCell, row[step], row[column]]));
        }
        var table = new MemoryLogTable([RunColumn, csv.Columns[step], metric], csv.HeaderLine, points);
        var plan = new ColumnPlan(Reward: 2, ComputeSource: 1, mapping, Step: 1, Run: 0, Recipe: null, warnings);
        return new PreparedLog(table, plan, RunNames.ForFile(path), RowPerCell: true);
    }

    private static LedgerInputException MissingMetric(string path, CsvLogTable csv, List<string> metrics, string expected) =>
        InputErrors.At(ErrorCodes.MissingColumn, path, csv.HeaderLine, 1,
            $"the metrics {InputErrors.ListColumns(metrics)} in the columns '<run> - <metric>'", expected);
}
