namespace Ledger.Core.Tests.Support;

/// <summary>
/// A W&amp;B chart export read by the tests' own plain reading (every field quoted, no comma inside a field), so that
/// what the reader under test must find is counted without it.
/// </summary>
internal static class ChartExportText
{
    /// <summary>Each series column '&lt;run&gt; - &lt;metric&gt;' (its __MIN/__MAX bands aside), in column order, with its non-blank cells as "x=value".</summary>
    public static List<(string Run, string Metric, string[] Cells)> Series(string path)
    {
        var rows = File.ReadAllLines(path).Where(line => line.Length > 0)
            .Select(line => line.Split(',').Select(field => field.Trim('"')).ToArray()).ToList();
        Assert.All(rows, row => Assert.Equal(rows[0].Length, row.Length));
        var series = new List<(string, string, string[])>();
        for (var k = 1; k < rows[0].Length; k++)
        {
            var column = rows[0][k];
            if (column.EndsWith("__MIN", StringComparison.Ordinal) || column.EndsWith("__MAX", StringComparison.Ordinal))
                continue;
            var split = column.LastIndexOf(" - ", StringComparison.Ordinal);
            var cells = rows.Skip(1).Where(row => row[k].Length > 0).Select(row => row[0] + "=" + row[k]).ToArray();
            series.Add((column[..split], column[(split + 3)..], cells));
        }
        return series;
    }
}
