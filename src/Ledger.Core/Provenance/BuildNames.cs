using Ledger.Core.Diagnostics;

namespace Ledger.Core.Provenance;

/// <summary>
/// The one check of a build's commit and branch names before anything is written. They are kept in the ledger for
/// good and shown in terminals, build logs, GitHub workflow annotations and the report, and a branch is chosen by
/// whoever opens a pull request: a line break in one would start a line of its own (a forged error, or a workflow
/// command such as <c>::error::</c>), an escape character would drive the terminal. Such names are refused.
/// </summary>
public static class BuildNames
{
    /// <summary><paramref name="value"/>, or <see cref="ErrorCodes.UnsafeBuildName"/> when it holds a control character or an invisible bidirectional control.</summary>
    /// <param name="what">"commit" or "branch".</param>
    /// <param name="origin">Where the value came from, as the error names it: an option (<c>--branch</c>), a CI variable, a project file.</param>
    /// <exception cref="LedgerInputException">LEDGER130 (exit 2): a control character in the name.</exception>
    public static string Require(string value, string what, SourceLocation origin)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bad = DisplayText.IndexOfUnsafe(value);
        if (bad < 0)
            return value;
        throw new LedgerInputException(ErrorCodes.UnsafeBuildName, origin,
            $"a {what} with the control character {DisplayText.Describe(value[bad])} at character {bad + 1} ('{value}')",
            $"a {what} name without line breaks, tabs, escape characters or invisible bidirectional controls");
    }

    /// <summary><see cref="Require(string, string, SourceLocation)"/> for a value from an option or a variable, named by <paramref name="origin"/>.</summary>
    public static string Require(string value, string what, string origin) => Require(value, what, SourceLocation.WholeFile(origin));
}
