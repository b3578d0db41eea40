using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>
/// A JSON Lines run log: one object per line, blank lines ignored. Its columns are every key in order of first
/// appearance, because W&amp;B history writes each metric only on the lines where it was logged. The whole file is
/// read on open, since the columns are only known at the end.
/// </summary>
internal sealed class JsonLinesLogTable : LogTable
{
    private readonly List<string> columns = [];
    private readonly List<LogRow> rows = [];

    private JsonLinesLogTable(string path, IEnumerable<TextLine> lines)
    {
        var indexOfColumn = new Dictionary<string, int>(StringComparer.Ordinal);
        var objects = new List<(int Line, Dictionary<string, LogCell> Values)>();
        var sawAnyLine = false;
        foreach (var line in lines)
        {
            sawAnyLine = true;
            if (line.IsBlank)
                continue;
            var values = JsonLineParser.Parse(path, line);
            foreach (var key in values.Keys)
            {
                if (indexOfColumn.TryAdd(key, columns.Count))
                    columns.Add(key);
            }
            objects.Add((line.Number, values));
        }
        if (objects.Count == 0)
            throw InputErrors.At(ErrorCodes.EmptyFile, path, 1, 1, sawAnyLine ? "only blank lines" : "an empty file",
                "one JSON object per line");
        HeaderLine = objects[0].Line;
        foreach (var (line, values) in objects)
        {
            var cells = new LogCell?[columns.Count];
            foreach (var (key, cell) in values)
                cells[indexOfColumn[key]] = cell;
            rows.Add(new LogRow(line, cells));
        }
    }

    public override IReadOnlyList<string> Columns => columns;

    public override int HeaderLine { get; }

    public static JsonLinesLogTable Read(string path, Utf8LineReader reader)
    {
        using (reader)
            return new JsonLinesLogTable(path, reader.ReadLines());
    }

    public override IEnumerable<LogRow> Rows() => rows;
}
