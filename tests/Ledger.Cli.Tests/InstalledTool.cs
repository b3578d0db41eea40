using System.Diagnostics;

namespace Ledger.Cli.Tests;

/// <summary>What one `ledger` process did.</summary>
public sealed record ToolRun(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// The real `ledger` tool, installed with `dotnet tool install --tool-path` from the local feed that build/pack.sh
/// fills (packing it first when the feed is missing), so the tests run what users install.
/// </summary>
public sealed class InstalledTool : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private readonly string _toolPath = Directory.CreateTempSubdirectory("ledger-tool-").FullName;

    public InstalledTool()
    {
        var feed = Path.Combine(RepositoryRoot, "build", "artifacts", "feed");
        var versionFile = Path.Combine(feed, "VERSION");
        if (!File.Exists(versionFile))
        {
            Require(Execute("bash", [Path.Combine(RepositoryRoot, "build", "pack.sh")], RepositoryRoot), "build/pack.sh");
        }
        var version = File.ReadAllText(versionFile).Trim();
        Require(Execute("dotnet", ["tool", "install", "Ledger.Cli", "--tool-path", _toolPath, "--add-source", feed, "--version", version], _toolPath),
            "dotnet tool install");
        Executable = Path.Combine(_toolPath, OperatingSystem.IsWindows() ? "ledger.exe" : "ledger");
    }

    public string Executable { get; }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public ToolRun Run(string workingDirectory, params string[] arguments) => Execute(Executable, arguments, workingDirectory);

    public void Dispose() => Directory.Delete(_toolPath, recursive: true);

    private static ToolRun Execute(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} ran past {Timeout}");
        }
        return new ToolRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static void Require(ToolRun run, string what)
    {
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed with exit {run.ExitCode}:\n{run.Stdout}\n{run.Stderr}");
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Ledger.sln not found above the test binaries");
    }
}

[CollectionDefinition(Name)]
public sealed class InstalledToolCollection : ICollectionFixture<InstalledTool>
{
    public const string Name = "installed ledger tool";
}
