using System.Globalization;
using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>Reads a number from a cell with the invariant culture, or says precisely why it is not one.</summary>
internal static class CellNumbers
{
    // Python and pandas write these; .NET parses only NaN and Infinity, so the rest would pass for "not a number".
    private static readonly HashSet<string> NonFiniteWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity",
    };

    public static double Parse(string path, LogCell cell, string column)
    {
        // Only for the messages: a string built for every cell would cost more than the parse.
        string InColumn() => $"in column '{column}'";
        switch (cell.Kind)
        {
            case CellKind.JsonOther:
                throw Error(ErrorCodes.NotANumber, path, cell, $"{InputErrors.Quote(cell.Text)} {InColumn()}", "a JSON number");
            case CellKind.JsonString when NonFiniteWords.Contains(cell.Text.Trim()):
                throw Error(ErrorCodes.NonFiniteValue, path, cell, $"the string {InputErrors.Quote(cell.Text)} {InColumn()}", "a finite JSON number");
            case CellKind.JsonString:
                throw Error(ErrorCodes.NotANumber, path, cell, $"the string {InputErrors.Quote(cell.Text)} {InColumn()}", "a JSON number, without quotes");
        }
        if (!double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            if (NonFiniteWords.Contains(cell.Text.Trim()))
                throw Error(ErrorCodes.NonFiniteValue, path, cell, $"{InputErrors.Quote(cell.Text)} {InColumn()}", "a finite number");
            throw Error(ErrorCodes.NotANumber, path, cell, $"{InputErrors.Quote(cell.Text)} {InColumn()}", "a number such as 0.5 or 4e-05");
        }
        if (!double.IsFinite(value))
            throw Error(ErrorCodes.NonFiniteValue, path, cell, $"{InputErrors.Quote(cell.Text)} {InColumn()}", "a finite number");
        return value;
    }

    private static LedgerInputException Error(string code, string path, LogCell cell, string found, string expected) =>
        InputErrors.At(code, cell.File ?? path, cell.Line, cell.Column, found, expected);
}
