namespace Ledger.Core.Diagnostics;

/// <summary>Where in a file a problem is: 1-based line and column; 0 means "the whole file" or "the whole line".</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public static SourceLocation WholeFile(string file) => new(file, 0, 0);

    /// <summary>
    /// The canonical MSBuild form: <c>file(line,column)</c>. The file's name is shown with <see cref="DisplayText"/>,
    /// so a name holding a line break cannot split the <c>file(line,col): error</c> line in two.
    /// </summary>
    public override string ToString() => Line switch
    {
        0 => DisplayText.Escape(File),
        _ when Column == 0 => $"{DisplayText.Escape(File)}({Line})",
        _ => $"{DisplayText.Escape(File)}({Line},{Column})",
    };
}
