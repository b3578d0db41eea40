using Ledger.Core.Diagnostics;

namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// The files of one ledger: the data file, its write-ahead log beside it (LiteDB's name: <c>ledger-log.db</c> for
/// <c>ledger.db</c>) and the folder that holds both, all named by the data file's identity rather than by how the user
/// spelled it. <c>D/k.db</c>, <c>D-link/k.db</c> (a link to D), <c>./D/../D/k.db</c> and a link to <c>k.db</c> itself
/// are one file: they must share one lock and one log, or two writers corrupt it.
/// </summary>
/// <param name="Display">The path as the user gave it, for messages.</param>
/// <param name="Data">The canonical absolute path of the data file: every symbolic link and <c>..</c> resolved.</param>
internal sealed record LedgerFiles(string Display, string Data)
{
    public string Folder => Path.GetDirectoryName(Data)!;

    public string Log => Path.Combine(Folder, Path.GetFileNameWithoutExtension(Data) + "-log" + Path.GetExtension(Data));

    /// <summary>The name of the log as the user would look for it: beside the ledger as they named it.</summary>
    public string DisplayLog => Path.Combine(Path.GetDirectoryName(Display) ?? "", Path.GetFileName(Log));

    /// <summary>
    /// Resolves <paramref name="path"/>: the file itself when it exists (through any links), else its folder and the
    /// name within it. Hard links to one file stay different names: nothing short of the inode tells them apart.
    /// </summary>
    /// <exception cref="LedgerUnavailableException">LEDGER401: the path is malformed, or its folder does not exist.</exception>
    public static LedgerFiles Resolve(string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw LedgerUnavailableException.CannotOpen(path, e.Message, e);
        }
        if (OperatingSystem.IsWindows())
            return new LedgerFiles(path, File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full);

        // realpath(3), not Path.GetFullPath alone: "D-link/../k.db" must go up from where D-link points, as the kernel does.
        var absolute = Path.IsPathRooted(path) ? path : Path.Combine(Directory.GetCurrentDirectory(), path);
        if (Posix.RealPath(absolute) is { } real)
            return new LedgerFiles(path, real);
        var folder = Path.GetDirectoryName(absolute.TrimEnd(Path.DirectorySeparatorChar)) ?? absolute;
        if (Posix.RealPath(folder) is not { } realFolder)
            throw LedgerUnavailableException.CannotOpen(path, $"the folder '{Path.GetDirectoryName(full)}' does not exist");
        return new LedgerFiles(path, Path.Combine(realFolder, Path.GetFileName(absolute)));
    }
}
