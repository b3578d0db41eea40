using Ledger.Core.Diagnostics;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Ledger.Core.Ingest;

/// <summary>Turns the paths, folders and globs a user typed into the run-log files they mean.</summary>
public static class RunLogSources
{
    /// <summary>
    /// Expands each entry, resolved against <paramref name="baseDirectory"/>: a file is itself; an MLflow run folder
    /// (holding metrics/ and meta.yaml) is itself, one log; another folder is every run log (.csv, .tsv, .jsonl,
    /// .ndjson) and every MLflow run folder under it, at any depth, but nothing inside a run folder (its artifacts are
    /// not logs); an entry with <c>*</c> or <c>**</c> is a glob, which matches files only.
    /// Returns full paths, each once, sorted ordinally so that runs are appended in the same order everywhere.
    /// </summary>
    /// <exception cref="LedgerInputException">
    /// <see cref="ErrorCodes.FileNotFound"/> for a path that does not exist; <see cref="ErrorCodes.GlobMatchedNothing"/>
    /// for a glob, or a folder, without a single file.
    /// </exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> pathsOrGlobs, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(pathsOrGlobs);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entry in pathsOrGlobs)
            files.UnionWith(ExpandOne(entry, baseDirectory));
        return files.ToList();
    }

    private static IEnumerable<string> ExpandOne(string entry, string baseDirectory)
    {
        if (entry.Contains('*'))
            return ExpandGlob(entry, baseDirectory);
        var full = Path.GetFullPath(entry, baseDirectory);
        if (File.Exists(full))
            return [full];
        if (!Directory.Exists(full))
            throw InputErrors.InFile(ErrorCodes.FileNotFound, entry, "no such file or folder", "a run-log file, a folder of them, or a glob");
        if (MlflowRunFolder.Is(full))
            return [full];
        var logs = LogsUnder(full).ToList();
        return logs.Count > 0
            ? logs
            : throw InputErrors.InFile(ErrorCodes.GlobMatchedNothing, entry, "a folder without run logs",
                "a folder holding .csv, .tsv, .jsonl or .ndjson files or MLflow run folders");
    }

    private static IEnumerable<string> LogsUnder(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            if (LogFormats.FolderExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                yield return file;
        }
        foreach (var subfolder in Directory.EnumerateDirectories(folder))
        {
            if (MlflowRunFolder.Is(subfolder))
            {
                yield return subfolder;
                continue;
            }
            foreach (var log in LogsUnder(subfolder))
                yield return log;
        }
    }

    private static List<string> ExpandGlob(string glob, string baseDirectory)
    {
        var (root, pattern) = SplitAtFirstWildcard(glob);
        var rootFolder = Path.GetFullPath(root.Length == 0 ? "." : root, baseDirectory);
        var matcher = new Matcher(OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        matcher.AddInclude(pattern);
        var matches = Directory.Exists(rootFolder) ? matcher.GetResultsInFullPath(rootFolder).ToList() : [];
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
