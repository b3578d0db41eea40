using System.Diagnostics;

namespace Ledger.Tests.Infrastructure;

/// <summary>
/// The real `ledger` tool, installed with `dotnet tool install --tool-path` from the local feed that build/pack.sh
/// fills, so the tests run what users install.
/// </summary>
public sealed class InstalledTool : IDisposable
{
    private readonly string _toolPath = Directory.CreateTempSubdirectory("ledger-tool-").FullName;

    public InstalledTool()
    {
        ChildProcess.Run("dotnet", ["tool", "install", "Ledger.Cli", "--tool-path", _toolPath, "--add-source", LocalFeed.Folder, "--version", LocalFeed.Version],
            _toolPath).Require("dotnet tool install");
        Executable = Path.Combine(_toolPath, OperatingSystem.IsWindows() ? "ledger.exe" : "ledger");
    }

    public string Executable { get; }

    /// <summary>The folder the tool was installed into, with the packages it was installed from under .store/.</summary>
    public string ToolPath => _toolPath;

    public static string RepositoryRoot => LocalFeed.RepositoryRoot;

    public ToolRun Run(string workingDirectory, params string[] arguments) => ChildProcess.Run(Executable, arguments, workingDirectory);

    /// <summary>Runs the tool with these environment variables set (a CI system's, say) on top of the test's own.</summary>
    public ToolRun RunWith(IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] arguments) =>
        ChildProcess.Run(Executable, arguments, workingDirectory, environment.ToDictionary(e => e.Key, e => (string?)e.Value));

    /// <summary>Starts the tool without waiting, for tests that run processes side by side or kill them.</summary>
    public RunningTool Start(string workingDirectory, params string[] arguments) =>
        new(Process.Start(ChildProcess.StartInfo(Executable, arguments, workingDirectory))!);

    public void Dispose() => Directory.Delete(_toolPath, recursive: true);
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
