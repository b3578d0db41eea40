using System.Text;

namespace Ledger.Core.Reporting;

/// <summary>
/// The aligned tables of the text outputs (curve, gate, rank, history): columns padded to their widest cell and
/// two spaces apart, left- or right-aligned, trailing blanks trimmed so a long last column does not pad the others.
/// </summary>
public static class TextTable
{
    public static void Append(StringBuilder text, IReadOnlyList<string[]> rows, Func<int, bool> leftAligned, string indent = "")
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, c) => leftAligned(c) ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]));
            text.Append((indent + string.Join("  ", cells)).TrimEnd()).Append('\n');
        }
    }
}
