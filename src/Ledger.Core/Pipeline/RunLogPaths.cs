namespace Ledger.Core.Pipeline;

/// <summary>How the ledger, its diagnostics and its reports name a run log.</summary>
public static class RunLogPaths
{
    /// <summary>
    /// A log's path relative to where the build ran (runs/grpo/seed1.csv), with forward slashes: the same repository
    /// checked out elsewhere, on another CI machine, names its logs the same way, and a GitHub annotation, a report
    /// or an MSBuild error can point at the file. Paths outside that folder, and paths already relative, stay as they are.
    /// </summary>
    public static string Relative(string path, string baseDirectory)
    {
        if (!Path.IsPathFullyQualified(path))
            return path;
        var relative = Path.GetRelativePath(baseDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathFullyQualified(relative)
            ? path
            : relative.Replace(Path.DirectorySeparatorChar, '/');
    }
}
