namespace Ledger.Cli;

/// <summary>
/// Where the `dotnet` host is, looked for as the .NET tools themselves look: the host that launched this build
/// (DOTNET_HOST_PATH, which `dotnet build` and `dotnet test` set), the installation named by DOTNET_ROOT, then the
/// PATH, then the usual installation folders of Linux packages and Microsoft's installer.
/// </summary>
internal static class DotnetHost
{
    private static readonly string[] UsualFolders = ["/usr/share/dotnet", "/usr/lib/dotnet", "/usr/local/share/dotnet"];

    /// <returns>The host's full path, or null when there is none.</returns>
    public static string? Find()
    {
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"),
            InFolder(Environment.GetEnvironmentVariable("DOTNET_ROOT_X64")),
            InFolder(Environment.GetEnvironmentVariable("DOTNET_ROOT")),
        };
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(InFolder));
        candidates.AddRange(UsualFolders.Select(InFolder));
        return candidates.FirstOrDefault(path => !string.IsNullOrEmpty(path) && Path.IsPathFullyQualified(path) && File.Exists(path));
    }

    private static string? InFolder(string? folder) => string.IsNullOrEmpty(folder) ? null : Path.Combine(folder, "dotnet");
}
