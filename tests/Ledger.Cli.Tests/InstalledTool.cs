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

    /// <summary>Runs the tool with these environment variables set (a CI system's, say) on top of the test's own.</summary>
    public ToolRun RunWith(IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] arguments) =>
        Execute(Executable, arguments, workingDirectory, environment);

    /// <summary>Starts the tool without waiting, for tests that run processes side by side or kill them.</summary>
    public RunningTool Start(string workingDirectory, params string[] arguments) =>
        new(Process.Start(StartInfo(Executable, arguments, workingDirectory))!);

    public void Dispose() => Directory.Delete(_toolPath, recursive: true);

    private static ToolRun Execute(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = StartInfo(fileName, arguments, workingDirectory);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
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

    private static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, string workingDirectory)
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
        // The ledger comes from --db in every test, never from the environment the tests run in.
        start.Environment.Remove("LEDGER_DB");
        return start;
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

/// <summary>A `ledger` process that is still running: wait for it, or kill it with SIGKILL.</summary>
public sealed class RunningTool : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    internal RunningTool(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Kills the process as `kill -9` does (.NET sends SIGKILL on Unix) and waits for it to be gone.</summary>
    public void KillHard()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
        _process.WaitForExit();
    }

    public ToolRun WaitForExit()
    {
        if (!_process.WaitForExit(Timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ledger ran past {Timeout}");
        }
        return new ToolRun(_process.ExitCode, _stdout.Result, _stderr.Result);
    }

    public void Dispose() => _process.Dispose();
}

[CollectionDefinition(Name)]
public sealed class InstalledToolCollection : ICollectionFixture<InstalledTool>
{
    public const string Name = "installed ledger tool";
}
