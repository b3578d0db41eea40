using Ledger.Core.Diagnostics;
using Ledger.Core.FileSystem;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// Which folder --out names, and whether a report may live there. Each render replaces the folder whole, by a rename
/// in its parent, so the folder must have a parent (not "/"), must not be a file, and must not be the working folder
/// or hold it (a rename would move the process's own working folder, and with it the user's files, away under it).
/// </summary>
internal static class ReportTarget
{
    private const string Expected = "a folder of its own for the report (--out), such as ./ledger-report: each render replaces it whole";

    /// <summary>The full path of the report folder, with --out's own symbolic link resolved; its parent is created when missing.</summary>
    /// <exception cref="LedgerInputException">LEDGER120: the folder cannot be a report folder.</exception>
    public static string Resolve(string path)
    {
        try
        {
            return Checked(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unusable(path, $"a folder that cannot be created or looked at ({e.Message.TrimEnd('.')})");
        }
    }

    public static LedgerInputException Unusable(string path, string found) =>
        new(ErrorCodes.InvalidOption, SourceLocation.WholeFile(path), found, Expected);

    private static string Checked(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        // --out that is itself a link to a folder: the report replaces the folder it names, not the link.
        if (new DirectoryInfo(full).LinkTarget is not null)
            full = Path.TrimEndingDirectorySeparator(new DirectoryInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full);
        if (Path.GetDirectoryName(full) is not { } parent)
            throw Unusable(path, "the root folder");
        var status = FileStatus.Of(full);
        if (status.Kind is not (FileKind.Missing or FileKind.Directory))
            throw Unusable(path, "a file");
        if (status.Kind == FileKind.Directory && HoldsWorkingFolder(status.Identity))
            throw Unusable(path, "the working folder, or a folder that holds it");
        Directory.CreateDirectory(parent);
        return full;
    }

    private static bool HoldsWorkingFolder(FileIdentity folder)
    {
        for (var at = Directory.GetCurrentDirectory(); at is not null; at = Path.GetDirectoryName(at))
        {
            if (FileStatus.Of(at).Identity == folder)
                return true;
        }
        return false;
    }
}
