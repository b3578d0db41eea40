namespace Ledger.Core.Tests.Ingest;

/// <summary>
/// The shared data folder that sits beside the repository (…/main and …/shared locally, and in CI), found by walking
/// up from the test binaries so that no test hard-codes where the clone lives.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Folder => Root.Value;

    public static string RealRuns => Path.Combine(Folder, "data", "real-runs");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "data")))
                return candidate;
        }
        throw new DirectoryNotFoundException($"no folder 'shared/data' above {AppContext.BaseDirectory}");
    }
}
