namespace Ledger.Core.Ingest;

/// <summary>
/// A log held in memory: the rows of a JSON document, or an export reshaped into one row per point. Its cells keep
/// the positions they had in the file, so errors still point at the real line and column.
/// </summary>
internal sealed class MemoryLogTable(IReadOnlyList<string> columns, int headerLine, IReadOnlyList<LogRow> rows) : LogTable
{
    public override IReadOnlyList<string> Columns => columns;

    public override int HeaderLine => headerLine;

    public override IEnumerable<LogRow> Rows() => rows;

    /// <summary>
    /// A table of key/value objects. Its columns are every key in order of first appearance, because W&amp;B history
    /// and the Hugging Face log history write each metric only on the rows where it was logged.
    /// </summary>
    public static MemoryLogTable FromObjects(int headerLine, IReadOnlyList<(int Line, Dictionary<string, LogCell> Values)> objects)
    {
        var columns = new List<string>();
        var indexOfColumn = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, values) in objects)
        {
            foreach (var key in values.Keys)
            {
                if (indexOfColumn.TryAdd(key, columns.Count))
                    columns.Add(key);
            }
        }
        var rows = new List<LogRow>(objects.Count);
        foreach (var (line, values) in objects)
        {
            var cells = new LogCell?[columns.Count];
            foreach (var (key, cell) in values)
                cells[indexOfColumn[key]] = cell;
            rows.Add(new LogRow(line, cells));
        }
        return new MemoryLogTable(columns, headerLine, rows);
    }
}
