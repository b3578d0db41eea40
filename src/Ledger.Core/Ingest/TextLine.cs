namespace Ledger.Core.Ingest;

/// <summary>One physical line of a text file: its 1-based number, its text, and the line break that ended it ("" at the end of the file).</summary>
internal readonly record struct TextLine(int Number, string Text, string Terminator)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Text);
}
