using System.Text;
using Ledger.Core.Diagnostics;

namespace Ledger.Core.Reporting;

/// <summary>
/// The aligned tables of the text outputs (curve, gate, rank, history): columns padded to their widest cell and
/// two spaces apart, left- or right-aligned, trailing blanks trimmed so a long last column does not pad the others.
/// Cells hold user text (recipe names, branches): each is shown with <see cref="DisplayText"/>, so a row stays one line.
/// </summary>
public static class TextTable
{
    public static void Append(StringBuilder text, IReadOnlyList<string[]> rows, Func<int, bool> leftAligned, string indent = "")
    {
        rows = rows.Select(row => row.Select(DisplayText.Escape).ToArray()).ToList();
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, c) => leftAligned(c) ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]));
            text.Append((indent + string.Join("  ", cells)).TrimEnd()).Append('\n');
        }
    }
}
