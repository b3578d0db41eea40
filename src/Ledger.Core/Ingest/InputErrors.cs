using System.Globalization;
using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>Builds the exceptions for bad run-log input, so every reader words them the same way.</summary>
internal static class InputErrors
{
    private const int MaxQuotedChars = 40;
    private const int MaxQuotedNameChars = 200;
    private const int MaxListedColumns = 20;
    private const int MaxNearColumns = 3;
    private const int MaxNearNameChars = 48;

    public static LedgerInputException At(string code, string file, int line, int column, string found, string expected) =>
        new(code, new SourceLocation(file, line, column), found, expected);

    public static LedgerInputException InFile(string code, string file, string found, string expected) =>
        new(code, SourceLocation.WholeFile(file), found, expected);

    /// <summary>Quotes text from the input, shortened so that a huge cell cannot flood a build log.</summary>
    public static string Quote(string text) => Quote(text, MaxQuotedChars);

    /// <summary>Quotes a name that is long by nature (a W&amp;B run name, a path, a pattern), shortened only past 200 characters.</summary>
    public static string QuoteName(string text) => Quote(text, MaxQuotedNameChars);

    private static string Quote(string text, int maxChars)
    {
        var shown = text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars), "...");
        return "'" + shown.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "'";
    }

    /// <summary>The columns a log has, as a person would list them: 'a', 'b' and 'c'.</summary>
    public static string ListColumns(IReadOnlyList<string> columns)
    {
        if (columns.Count == 0)
            return "no columns";
        var quoted = columns.Take(MaxListedColumns).Select(c => $"'{c}'").ToList();
        if (columns.Count > MaxListedColumns)
            return string.Join(", ", quoted) + $" and {columns.Count - MaxListedColumns} more";
        return quoted.Count == 1 ? quoted[0] : string.Join(", ", quoted[..^1]) + " and " + quoted[^1];
    }

    /// <summary>
    /// A log's columns when the one named <paramref name="wanted"/> is missing: all of them when there are a few, else
    /// how many and the three nearest by name, so a message stays short on a wide export.
    /// </summary>
    /// <param name="fewPrefix">Written before the list of all columns, when there are a few.</param>
    public static string ColumnsNear(string wanted, IReadOnlyList<string> columns, string fewPrefix = "the columns ") =>
        columns.Count <= MaxNearColumns
            ? fewPrefix + ListColumns(columns)
            : $"{columns.Count} columns (closest to '{wanted}': {ListColumns(NearestNames.Closest(wanted, columns, MaxNearColumns).Select(Abbreviate).Distinct().ToList())})";

    /// <summary>A long name with its middle left out: a W&amp;B chart column's run is at its start and its metric at its end.</summary>
    private static string Abbreviate(string name) =>
        name.Length <= MaxNearNameChars ? name : string.Concat(name.AsSpan(0, MaxNearNameChars / 2 - 2), "...", name.AsSpan(name.Length - MaxNearNameChars / 2 + 1));

    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
