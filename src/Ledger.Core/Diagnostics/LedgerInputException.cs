namespace Ledger.Core.Diagnostics;

/// <summary>
/// Bad input from the user: a run log, a glob or an option. Always carries a stable code, a position, what was
/// found and what was expected, so a shell can print it as <c>file(line,col): error CODE: message</c> and exit 2.
/// The message is one line: the file's name and what was found (user text) are shown with <see cref="DisplayText"/>.
/// </summary>
public sealed class LedgerInputException(string code, SourceLocation location, string found, string expected)
    : Exception($"{location}: error {code}: found {DisplayText.Escape(found)}; expected {expected}")
{
    public string Code { get; } = code;
    public SourceLocation Location { get; } = location;
    public string Found { get; } = found;
    public string Expected { get; } = expected;
}
