using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>One line of an MLflow metric file (its timestamp is not needed); each cell carries the metric file's path for errors.</summary>
internal sealed record MlflowMetric(LogCell Value, LogCell Step);

/// <summary>
/// An MLflow file-store metric file: one line per logged value, <c>&lt;timestamp ms&gt; &lt;value&gt; &lt;step&gt;</c>,
/// separated by single spaces. Files written before MLflow 1.0 have no step; MLflow reads those as step 0, and so
/// does this. Anything else is refused with the line and column where it goes wrong.
/// </summary>
internal static class MlflowMetricFile
{
    public static List<MlflowMetric> Read(string file)
    {
        using var reader = new Utf8LineReader(file, LogFile.OpenRead(file));
        var metrics = new List<MlflowMetric>();
        var sawAnyLine = false;
        foreach (var line in reader.ReadLines())
        {
            sawAnyLine = true;
            if (!line.IsBlank)
                metrics.Add(Parse(file, line));
        }
        if (metrics.Count == 0)
            throw InputErrors.At(ErrorCodes.EmptyFile, file, 1, 1, sawAnyLine ? "only blank lines" : "an empty metric file",
                "lines of '<timestamp> <value> <step>'");
        return metrics;
    }

    private static MlflowMetric Parse(string file, TextLine line)
    {
        var cells = new List<LogCell>();
        var start = 0;
        while (true)
        {
            var end = line.Text.IndexOf(' ', start);
            var text = end < 0 ? line.Text[start..] : line.Text[start..end];
            if (text.Length == 0 || cells.Count == 3)
                throw InputErrors.At(ErrorCodes.MalformedLine, file, line.Number, start + 1,
                    text.Length == 0 ? (start == line.Text.Length ? "the end of the line" : "an extra space") : InputErrors.Quote(line.Text[start..]),
                    $"'<timestamp> <value> <step>': {(cells.Count == 3 ? "three fields" : "a field")} separated by single spaces");
            cells.Add(new LogCell(text, line.Number, start + 1, CellKind.Text, file));
            if (end < 0)
                break;
            start = end + 1;
        }
        if (cells.Count < 2)
            throw InputErrors.At(ErrorCodes.MalformedLine, file, line.Number, line.Text.Length + 1, "the end of the line after one field",
                "'<timestamp> <value> <step>': a value after the timestamp");
        var step = cells.Count == 3 ? cells[2] : new LogCell("0", line.Number, line.Text.Length + 1, CellKind.Text, file);
        return new MlflowMetric(cells[1], step);
    }
}
