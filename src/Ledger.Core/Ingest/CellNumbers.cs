using System.Globalization;
using csFastFloat;
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
        if (!TryParse(cell.Text, out var value))
        {
            if (NonFiniteWords.Contains(cell.Text.Trim()))
                throw Error(ErrorCodes.NonFiniteValue, path, cell, $"{InputErrors.Quote(cell.Text)} {InColumn()}", "a finite number");
            throw Error(ErrorCodes.NotANumber, path, cell, $"{InputErrors.Quote(cell.Text)} {InColumn()}", "a number such as 0.5 or 4e-05");
        }
        if (!double.IsFinite(value))
            throw Error(ErrorCodes.NonFiniteValue, path, cell, $"{InputErrors.Quote(cell.Text)} {InColumn()}", "a finite number");
        return value;
    }

    /// <summary>
    /// What double.Parse with the invariant culture reads, and the same bits: a plain decimal (the cells of every log
    /// we have met) goes to csFastFloat, which rounds correctly as .NET does at about a quarter of its time; anything
    /// else (spaces, words such as Infinity) to .NET itself, so nothing is read that was refused before.
    /// </summary>
    internal static bool TryParse(string text, out double value) =>
        (IsPlainDecimal(text) && FastDoubleParser.TryParseDouble(text, out value))
        || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>[+-] digits [. digits] [e [+-] digits], with a digit before or after the point: ASCII only.</summary>
    private static bool IsPlainDecimal(ReadOnlySpan<char> text)
    {
        var i = text.Length > 0 && text[0] is '+' or '-' ? 1 : 0;
        var integerDigits = Digits(text, ref i);
        var fractionDigits = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            fractionDigits = Digits(text, ref i);
        }
        if (integerDigits + fractionDigits == 0)
            return false;
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
                i++;
            if (Digits(text, ref i) == 0)
                return false;
        }
        return i == text.Length;
    }

    private static int Digits(ReadOnlySpan<char> text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
            i++;
        return i - start;
    }

    private static LedgerInputException Error(string code, string path, LogCell cell, string found, string expected) =>
        InputErrors.At(code, cell.File ?? path, cell.Line, cell.Column, found, expected);
}
