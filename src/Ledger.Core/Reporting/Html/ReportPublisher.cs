using System.Security.Cryptography;
using System.Text;
using Ledger.Core.Diagnostics;
using Ledger.Core.FileSystem;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// Swaps a finished render in as the report folder, whole, under <see cref="PublishLock"/>:
/// <list type="number">
/// <item>files in the folder that Ledger did not write (by the folder's <see cref="ReportManifest"/>) are given a second
/// name in the render by a hard link, so they are in the folder before and after the swap; a file of one of the
/// render's names is refused (LEDGER131) unless --force replaces it;</item>
/// <item>the render and the folder trade places in one step (Linux renameat2 RENAME_EXCHANGE): a reader of the folder
/// finds the previous render or the new one, never a mix and never nothing. Where that is not possible the folder is
/// renamed aside and the render renamed in, and for that moment the folder is missing;</item>
/// <item>the previous render, now in the hidden sibling, is retired: its Ledger files are deleted, anything else in it
/// (subfolders, or what could not be linked) is moved into the new folder unless a file of that name is already there,
/// and the sibling is removed when empty. Nothing that Ledger did not write is ever deleted, except what --force replaces.</item>
/// </list>
/// A process killed at any step leaves the folder whole; its hidden siblings are retired by the next render (a
/// staging folder whose render still runs holds a lock file, and is left alone).
/// </summary>
internal static class ReportPublisher
{
    /// <summary>Files deleted at once when a previous render is retired: measured under load, 8 deleted the benchmark's 2,061 files in 1.7 s where one at a time took 6.2 s.</summary>
    private const int DeletingAtOnce = 8;

    /// <summary>The hidden siblings of a report folder are named this, then a render id (16 hex digits), then ".tmp" or ".old".</summary>
    public static string SiblingPrefix(string root)
    {
        var name = Path.GetFileName(root);
        // File names have a length limit; a long name is kept apart by its hash.
        var shown = Encoding.UTF8.GetByteCount(name) <= 180 ? name : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..16];
        return $".{shown}.ledger-";
    }

    /// <summary>Makes a render's staging folder and locks it, under the publish lock, so no clean-up can mistake it for a dead one.</summary>
    public static FileStream CreateStaging(string root, string staging)
    {
        using var held = PublishLock.Acquire(root);
        Directory.CreateDirectory(staging);
        return new FileStream(Path.Combine(staging, OutputFolder.LockFileName), FileMode.CreateNew, FileAccess.Write, FileShare.None);
    }

    /// <summary>Refuses, unless <paramref name="force"/>, a file in <paramref name="root"/> of one of <paramref name="names"/> that Ledger did not write.</summary>
    /// <returns>The names of such files (which --force replaces).</returns>
    /// <exception cref="LedgerInputException">LEDGER131 for the first such file.</exception>
    public static IReadOnlySet<string> RefuseForeign(string root, IEnumerable<string> names, bool force)
    {
        var foreign = new SortedSet<string>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
            return foreign;
        var previous = ReportManifest.Read(root);
        foreach (var name in names)
        {
            var path = Path.Combine(root, name);
            if (FileStatus.Of(path, followLinks: false).Kind != FileKind.Missing && previous?.Wrote(path) != true)
                foreign.Add(name);
        }
        if (foreign.Count > 0 && !force)
        {
            throw new LedgerInputException(ErrorCodes.ForeignReportFile, SourceLocation.WholeFile(Path.Combine(root, foreign.Min!)),
                "a file of the report's name that Ledger did not write (or that was changed since)",
                "the report folder's own files only: move it away, or pass --force (LedgerReportForce) to replace it");
        }
        return foreign;
    }

    /// <param name="releaseStaging">Removes the staging folder's lock file: from then on a crash leaves it to be retired, not discarded.</param>
    /// <param name="swapped">
    /// Called as soon as the render is in place: from then on the staging path holds the previous folder, with files
    /// that may not be Ledger's, and the render must not clean it up as its own.
    /// </param>
    public static void Publish(OutputFolder render, ReportManifest manifest, Action releaseStaging, Action swapped)
    {
        var root = render.Root;
        using var held = PublishLock.Acquire(root);
        var replaced = RefuseForeign(root, manifest.Files.Select(f => f.Name), render.Force);
        LinkOthersInto(root, render.Staging, manifest, replaced);
        releaseStaging();
        var retired = SwapIn(render.Staging, root, render.Render);
        swapped();
        try
        {
            if (retired is not null)
                Retire(retired, root, replaced);
            RetireLeftovers(root);
        }
        catch (Exception e) when (IsFileSystemError(e))
        {
            // The render is published; what could not be cleaned up stays in a hidden sibling for the next render to retire.
        }
    }

    /// <summary>An error of the file system, or of several files deleted side by side.</summary>
    private static bool IsFileSystemError(Exception e) =>
        e is IOException or UnauthorizedAccessException || (e is AggregateException all && all.InnerExceptions.All(IsFileSystemError));

    /// <summary>Gives every file of <paramref name="root"/> that is not Ledger's a second name in the render, so the swap keeps it in place.</summary>
    private static void LinkOthersInto(string root, string staging, ReportManifest manifest, IReadOnlySet<string> replaced)
    {
        if (!Directory.Exists(root))
            return;
        var previous = ReportManifest.Read(root);
        var ours = manifest.Files.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos())
        {
            var isFolder = entry is DirectoryInfo && entry.LinkTarget is null;
            if (isFolder || entry.Name == ReportManifest.FileName || ours.Contains(entry.Name) || replaced.Contains(entry.Name) || previous?.Wrote(entry.FullName) == true)
                continue;
            // Not possible here (another OS, a file system without hard links): it is moved over after the swap instead.
            AtomicRename.TryHardLink(entry.FullName, Path.Combine(staging, entry.Name));
        }
    }

    /// <returns>The folder now holding the previous render, or null when there was none.</returns>
    private static string? SwapIn(string staging, string root, string render)
    {
        try
        {
            if (!Directory.Exists(root))
            {
                Directory.Move(staging, root);
                return null;
            }
            if (AtomicRename.TryExchange(staging, root))
                return staging;
            var aside = Path.Combine(Path.GetDirectoryName(root)!, SiblingPrefix(root) + render + ".old");
            Directory.Move(root, aside);
            try
            {
                Directory.Move(staging, root);
            }
            catch (IOException)
            {
                Directory.Move(aside, root);
                throw;
            }
            return aside;
        }
        catch (IOException e)
        {
            throw ReportTarget.Unusable(root, $"a folder the new render cannot be swapped in for ({e.Message.TrimEnd('.')}); is it a mount point?");
        }
    }

    /// <summary>
    /// Empties a hidden sibling holding a previous render (or a render that died): deletes Ledger's files, moves anything
    /// else into the report folder when that name is free there (an extra hard link made for the swap is deleted
    /// instead), and removes the sibling when empty.
    /// </summary>
    /// <param name="replaced">Files of the report's names that --force replaces: deleted.</param>
    private static void Retire(string folder, string root, IReadOnlySet<string> replaced)
    {
        var manifest = ReportManifest.Read(folder);
        var others = new List<FileSystemInfo>();
        var ours = new List<FileSystemInfo>();
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            var isFile = entry is FileInfo || entry.LinkTarget is not null;
            var isOurs = isFile && (entry.Name is ReportManifest.FileName or OutputFolder.LockFileName || manifest?.Wrote(entry.FullName) == true || replaced.Contains(entry.Name));
            (isOurs ? ours : others).Add(entry);
        }
        // Side by side: deleting a file waits on the file system, and a thousand one after another took seconds under load.
        Parallel.ForEach(ours, new ParallelOptions { MaxDegreeOfParallelism = DeletingAtOnce }, entry => entry.Delete());
        foreach (var entry in others)
        {
            var isFile = entry is FileInfo || entry.LinkTarget is not null;
            var there = Path.Combine(root, entry.Name);
            var thereStatus = FileStatus.Of(there, followLinks: false);
            if (thereStatus.Kind == FileKind.Missing)
                Move(entry, there);
            else if (isFile && thereStatus.Identity == FileStatus.Of(entry.FullName, followLinks: false).Identity)
                entry.Delete();
        }
        if (!Directory.EnumerateFileSystemEntries(folder).Any())
            Directory.Delete(folder);
    }

    /// <summary>
    /// Retires the hidden siblings that renders killed on the way left: a staging folder whose lock file is still held
    /// belongs to a render that runs and is left alone; one that died before writing its manifest holds only its own
    /// pages and is discarded.
    /// </summary>
    private static void RetireLeftovers(string root)
    {
        var parent = Path.GetDirectoryName(root)!;
        var prefix = SiblingPrefix(root);
        foreach (var sibling in Directory.EnumerateDirectories(parent, prefix + "*"))
        {
            // Only this folder's own: ".a.ledger-" also starts the siblings of a folder named "a.ledger-x".
            if (!IsSiblingName(Path.GetFileName(sibling)[prefix.Length..]))
                continue;
            var lockFile = Path.Combine(sibling, OutputFolder.LockFileName);
            if (File.Exists(lockFile) && !IsDead(lockFile))
                continue;
            if (File.Exists(lockFile) && ReportManifest.Read(sibling) is null)
            {
                foreach (var file in Directory.EnumerateFiles(sibling))
                    File.Delete(file);
                Directory.Delete(sibling);
                continue;
            }
            Retire(sibling, root, new HashSet<string>());
        }
    }

    /// <summary>A render id and its suffix: 16 lower-case hex digits, then ".tmp" or ".old".</summary>
    private static bool IsSiblingName(string rest) =>
        rest.Length == 20 && rest[..16].All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f') && rest[16..] is ".tmp" or ".old";

    private static bool IsDead(string lockFile)
    {
        try
        {
            using var probe = new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>rename(2) of the entry itself: a symbolic link is moved, not what it points at.</summary>
    private static void Move(FileSystemInfo entry, string to)
    {
        if (entry is DirectoryInfo)
            Directory.Move(entry.FullName, to);
        else
            File.Move(entry.FullName, to);
    }
}
