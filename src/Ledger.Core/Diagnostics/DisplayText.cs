using System.Buffers;
using System.Globalization;
using System.Text;

namespace Ledger.Core.Diagnostics;

/// <summary>
/// User text (file names, recipe names, values from a log) shown in a line of a terminal or a log: line breaks and
/// other control characters are written out as <c>\n</c>, <c>\r</c>, <c>\t</c> and <c>\u001B</c>, and the invisible
/// controls that reorder text as <c>[U+202E]</c> (as the report shows them). A name can then neither end the line
/// and start another (a forged <c>file(1,1): error</c> line, or a GitHub workflow command such as <c>::error::</c>),
/// nor send escape sequences to a terminal, nor display reversed.
/// </summary>
public static class DisplayText
{
    /// <summary>The invisible controls that reorder text: U+061C, U+200E, U+200F, U+202A to U+202E and U+2066 to U+2069.</summary>
    public static readonly SearchValues<char> BidiControls =
        SearchValues.Create("\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    /// <summary>True when <paramref name="c"/> would be changed by <see cref="Escape"/>.</summary>
    public static bool IsUnsafe(char c) => char.IsControl(c) || BidiControls.Contains(c);

    /// <summary>The index of the first character <see cref="Escape"/> would change, or -1.</summary>
    public static int IndexOfUnsafe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i]))
                return i;
        }
        return -1;
    }

    /// <summary><paramref name="text"/> with every control and bidirectional control written out visibly; other text as is.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = IndexOfUnsafe(text);
        if (first < 0)
            return text;
        var shown = new StringBuilder(text.Length + 16).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
            Append(shown, c);
        return shown.ToString();
    }

    /// <summary>How <see cref="Escape"/> writes one character, for messages that name it.</summary>
    public static string Describe(char c) => Append(new StringBuilder(), c).ToString();

    private static StringBuilder Append(StringBuilder shown, char c) => c switch
    {
        '\n' => shown.Append("\\n"),
        '\r' => shown.Append("\\r"),
        '\t' => shown.Append("\\t"),
        _ when char.IsControl(c) => shown.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)),
        _ when BidiControls.Contains(c) => shown.Append("[U+").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append(']'),
        _ => shown.Append(c),
    };
}
