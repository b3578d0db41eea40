using System.Diagnostics;

namespace Ledger.Tests.Infrastructure;

/// <summary>What one child process did.</summary>
public sealed record ToolRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Both streams, for assertions that do not care which one a line went to (and for failure messages).</summary>
    public string Output => Stdout + Stderr;
}

/// <summary>Runs real processes for the tests: stdout and stderr read concurrently, a timeout that kills the whole tree.</summary>
public static class ChildProcess
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <param name="environment">Variables set on top of the test's own; a null value removes the variable.</param>
    public static ToolRun Run(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Process.Start(StartInfo(fileName, arguments, workingDirectory, environment))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} ran past {timeout ?? DefaultTimeout}");
        }
        return new ToolRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // The ledger comes from --db (or the project) in every test, never from the environment the tests run in.
        start.Environment.Remove("LEDGER_DB");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
        return start;
    }

    public static ToolRun Require(this ToolRun run, string what) =>
        run.ExitCode == 0 ? run : throw new InvalidOperationException($"{what} failed with exit {run.ExitCode}:\n{run.Stdout}\n{run.Stderr}");
}
