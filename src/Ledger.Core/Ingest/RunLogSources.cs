using System.IO.Enumeration;
using Ledger.Core.Concurrency;
using Ledger.Core.Diagnostics;
using Ledger.Core.FileSystem;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Ledger.Core.Ingest;

/// <summary>A run log found by <see cref="RunLogSources.List"/>: its full path and its state when it was found.</summary>
public readonly record struct ListedLog(string Path, FileStatus Status);

/// <summary>Turns the paths, folders and globs a user typed into the run-log files they mean.</summary>
public static class RunLogSources
{
    /// <summary>
    /// Expands each entry, resolved against <paramref name="baseDirectory"/>: a file is itself; an MLflow run folder
    /// (holding metrics/ and meta.yaml) is itself, one log; another folder is every run log (.csv, .tsv, .jsonl,
    /// .ndjson) and every MLflow run folder under it, at any depth, but nothing inside a run folder (its artifacts are
    /// not logs); an entry with <c>*</c> or <c>**</c> is a glob, which matches files only.
    /// Returns full paths, each once, sorted ordinally so that runs are appended in the same order everywhere.
    /// A folder is entered once however many symbolic links lead to it (by its device and inode), so a link loop
    /// ends; and every file found is a regular file (or a link to one), checked without opening it.
    /// </summary>
    /// <exception cref="LedgerInputException">
    /// <see cref="ErrorCodes.FileNotFound"/> for a path that does not exist; <see cref="ErrorCodes.GlobMatchedNothing"/>
    /// for a glob, or a folder, without a single file; <see cref="ErrorCodes.CannotReadFile"/> for a named pipe,
    /// socket or device (reading one can wait for ever), or a folder the file system will not list.
    /// </exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> pathsOrGlobs, string baseDirectory) =>
        List(pathsOrGlobs, baseDirectory).Select(log => log.Path).ToList();

    /// <summary>As <see cref="Expand"/>, with each file's state as it was checked (through its links).</summary>
    /// <exception cref="LedgerInputException">As for <see cref="Expand"/>.</exception>
    public static IReadOnlyList<ListedLog> List(IEnumerable<string> pathsOrGlobs, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(pathsOrGlobs);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entry in pathsOrGlobs)
        {
            try
            {
                files.UnionWith(ExpandOne(entry, baseDirectory));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw InputErrors.InFile(ErrorCodes.CannotReadFile, entry, $"a path that cannot be listed ({e.Message.TrimEnd('.')})", "readable run logs and folders");
            }
        }
        var found = files.ToList();
        // One status call per file, 10,000 of them on a rerun of 1,000 recipes: in parallel, then refused in path order.
        var statuses = ParallelInOrder.Map(found, file => FileStatus.Of(file));
        for (var i = 0; i < found.Count; i++)
            LogFile.RequireRegular(statuses[i].Kind, found[i]);
        return found.Zip(statuses, (path, status) => new ListedLog(path, status)).ToList();
    }

    private static IEnumerable<string> ExpandOne(string entry, string baseDirectory)
    {
        if (entry.Contains('*'))
            return ExpandGlob(entry, baseDirectory);
        var full = Path.GetFullPath(entry, baseDirectory);
        var status = FileStatus.Of(full);
        if (status.Kind == FileKind.Missing)
            throw InputErrors.InFile(ErrorCodes.FileNotFound, entry, "no such file or folder", "a run-log file, a folder of them, or a glob");
        if (status.Kind != FileKind.Directory)
            return [full];
        if (MlflowRunFolder.Is(full))
            return [full];
        var logs = LogsUnder(full, [status.Identity]).ToList();
        return logs.Count > 0
            ? logs
            : throw InputErrors.InFile(ErrorCodes.GlobMatchedNothing, entry, "a folder without run logs",
                "a folder holding .csv, .tsv, .jsonl or .ndjson files or MLflow run folders");
    }

    /// <param name="entered">The folders walked so far, by identity: one reached again through a link is skipped.</param>
    private static IEnumerable<string> LogsUnder(string folder, HashSet<FileIdentity> entered)
    {
        var subfolders = new List<string>();
        foreach (var (path, isDirectory) in Entries(folder))
        {
            if (isDirectory)
                subfolders.Add(path);
            else if (LogFormats.FolderExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
                yield return path;
        }
        subfolders.Sort(StringComparer.Ordinal);
        foreach (var subfolder in subfolders)
        {
            if (!entered.Add(FileStatus.Of(subfolder).Identity))
                continue;
            if (MlflowRunFolder.Is(subfolder))
            {
                yield return subfolder;
                continue;
            }
            foreach (var log in LogsUnder(subfolder, entered))
                yield return log;
        }
    }

    /// <summary>
    /// A folder's files and folders (a link counting as what it leads to) in one pass, as Directory.EnumerateFiles and
    /// EnumerateDirectories would list them in two: a rerun walks 1,000 folders.
    /// </summary>
    private static FileSystemEnumerable<(string Path, bool IsDirectory)> Entries(string folder) =>
        new(folder, (ref FileSystemEntry entry) => (entry.ToFullPath(), entry.IsDirectory), Listing);

    /// <summary>What Directory.EnumerateFiles uses: nothing skipped, and a folder that cannot be read is an error.</summary>
    private static readonly EnumerationOptions Listing = new() { AttributesToSkip = 0, IgnoreInaccessible = false };

    private static List<string> ExpandGlob(string glob, string baseDirectory)
    {
        var (root, pattern) = SplitAtFirstWildcard(glob);
        var rootFolder = Path.GetFullPath(root.Length == 0 ? "." : root, baseDirectory);
        var matcher = new Matcher(OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        matcher.AddInclude(pattern);
        var matches = Directory.Exists(rootFolder)
            ? matcher.Execute(LoopSafeDirectory.Root(rootFolder)).Files.Select(match => Path.Combine(rootFolder, match.Path)).ToList()
            : [];
        return matches.Count > 0
            ? matches.Select(Path.GetFullPath).ToList()
            : throw InputErrors.InFile(ErrorCodes.GlobMatchedNothing, glob, "no file matching the glob", "at least one run-log file");
    }

    /// <summary>The matcher takes patterns relative to a folder, so "runs/**/*.csv" becomes folder "runs" and pattern "**/*.csv".</summary>
    private static (string Root, string Pattern) SplitAtFirstWildcard(string glob)
    {
        var normalized = glob.Replace('\\', '/');
        var firstWildcard = normalized.IndexOf('*');
        var lastSlash = normalized.LastIndexOf('/', firstWildcard);
        return lastSlash < 0
            ? ("", normalized)
            : (lastSlash == 0 ? "/" : normalized[..lastSlash], normalized[(lastSlash + 1)..]);
    }
}
