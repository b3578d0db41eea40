namespace Ledger.Core.Ingest;

/// <summary>One row of a log: its cells by column index (null where the row has no value for that column).</summary>
internal sealed record LogRow(int Line, LogCell?[] Cells)
{
    public LogCell? this[int column] => column < Cells.Length ? Cells[column] : null;
}

/// <summary>
/// A log read as named columns and rows, whatever its format. Rows may be read lazily from the open file, so a
/// table is disposed once its rows have been read.
/// </summary>
internal abstract class LogTable : IDisposable
{
    /// <summary>Column names in file order (a CSV header, or every JSON key in order of first appearance).</summary>
    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>The line errors about columns point at: the CSV header, or the first JSON line.</summary>
    public abstract int HeaderLine { get; }

    public abstract IEnumerable<LogRow> Rows();

    public int? IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i], column, StringComparison.Ordinal))
                return i;
        }
        return null;
    }

    public virtual void Dispose()
    {
    }
}
