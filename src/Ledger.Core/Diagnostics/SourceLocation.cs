namespace Ledger.Core.Diagnostics;

/// <summary>Where in a file a problem is: 1-based line and column; 0 means "the whole file" or "the whole line".</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public static SourceLocation WholeFile(string file) => new(file, 0, 0);

    /// <summary>The canonical MSBuild form: <c>file(line,column)</c>.</summary>
    public override string ToString() => Line switch
    {
        0 => File,
        _ when Column == 0 => $"{File}({Line})",
        _ => $"{File}({Line},{Column})",
    };
}
