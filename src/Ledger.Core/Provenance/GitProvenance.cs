using System.ComponentModel;
using System.Diagnostics;

namespace Ledger.Core.Provenance;

/// <summary>Commit and branch from <c>git rev-parse</c>; null parts when git is missing, fails, or HEAD is detached.</summary>
internal sealed record GitProvenance(string? Commit, string? Branch)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static GitProvenance Detect(string workingDirectory)
    {
        var commit = RevParse(workingDirectory, "HEAD");
        if (commit is null)
            return new(null, null);
        var branch = RevParse(workingDirectory, "--abbrev-ref", "HEAD");
        // A detached HEAD (the usual state of a CI checkout) has no branch: git answers "HEAD".
        return new(commit, branch is null or "HEAD" ? null : branch);
    }

    private static string? RevParse(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("rev-parse");
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        try
        {
            using var git = Process.Start(start);
            if (git is null)
                return null;
            // Read both streams concurrently so neither can fill its pipe and stall git.
            var output = git.StandardOutput.ReadToEndAsync();
            var errors = git.StandardError.ReadToEndAsync();
            if (!git.WaitForExit(Timeout))
            {
                git.Kill(entireProcessTree: true);
                return null;
            }
            Task.WaitAll(output, errors);
            var answer = output.Result.Trim();
            return git.ExitCode == 0 && answer.Length > 0 ? answer : null;
        }
        catch (Exception e) when (e is Win32Exception or DirectoryNotFoundException or InvalidOperationException)
        {
            // git is not installed, or the working directory does not exist: no provenance from git.
            return null;
        }
    }
}
