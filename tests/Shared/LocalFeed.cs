namespace Ledger.Tests.Infrastructure;

/// <summary>
/// The local folder feed build/pack.sh fills with Ledger.Cli and Ledger.MSBuild under one version unique to that pack
/// (packing first when the feed is missing), so tests install and reference what users get.
/// </summary>
public static class LocalFeed
{
    private static readonly Lazy<string> PackedVersion = new(Pack);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Folder { get; } = Path.Combine(RepositoryRoot, "build", "artifacts", "feed");

    /// <summary>The version both packages carry in the feed.</summary>
    public static string Version => PackedVersion.Value;

    private static string Pack()
    {
        var versionFile = Path.Combine(Folder, "VERSION");
        if (!File.Exists(versionFile))
            ChildProcess.Run("bash", [Path.Combine(RepositoryRoot, "build", "pack.sh")], RepositoryRoot).Require("build/pack.sh");
        return File.ReadAllText(versionFile).Trim();
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("Ledger.sln not found above the test binaries");
    }
}
