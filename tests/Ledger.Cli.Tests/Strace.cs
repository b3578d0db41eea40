using System.Text.RegularExpressions;

namespace Ledger.Cli.Tests;

/// <summary>One system call of a traced run: which thread made it, which call, on which file.</summary>
public sealed record TracedCall(int Thread, string Syscall, string Path, string Line);

/// <summary>A traced run: what the tool did, and strace's lines.</summary>
public sealed record StraceRun(ToolRun Run, IReadOnlyList<string> Lines)
{
    public IReadOnlyList<TracedCall> Calls => Lines.Select(Strace.Parse).OfType<TracedCall>().ToList();

    /// <summary>Whether the injection happened: a call failed, or the process was killed.</summary>
    public bool Injected => Lines.Any(line => line.EndsWith("(INJECTED)", StringComparison.Ordinal) || line.Contains("+++ killed by SIGKILL +++", StringComparison.Ordinal));
}

/// <summary>
/// The installed tool run under strace(1), SQLite-style fault injection on a real process: its system calls on chosen
/// files traced (<c>-y</c> names each descriptor's file, <c>-P</c> keeps only calls on those files), or one of them made
/// to fail (<c>-e inject=pwrite64:error=ENOSPC:when=N</c>) or to kill the process (<c>signal=KILL</c>). strace counts the
/// N-th call per thread (its "tracee"), so N applies to each thread that makes such calls: LiteDB's log writer thread and
/// the thread that runs the checkpoint are counted apart. build/test.sh installs strace (Debian package) when missing.
/// </summary>
public static partial class Strace
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs <paramref name="tool"/> traced; a call that does not finish within two minutes (a hang) fails the test.</summary>
    /// <param name="paths">Only calls on these files or folders are traced and counted.</param>
    /// <param name="inject">An injection such as <c>pwrite64:error=ENOSPC:when=3</c>, or null to trace only.</param>
    public static StraceRun Run(InstalledTool tool, string workingDirectory, IEnumerable<string> paths,
        string syscalls, string? inject, params string[] arguments)
    {
        var trace = Path.Combine(workingDirectory, $"strace-{Guid.NewGuid():N}.txt");
        List<string> straceArguments = ["-f", "-qq", "-y", "-o", trace, "-e", $"trace={syscalls}"];
        foreach (var path in paths)
            straceArguments.AddRange(["-P", path]);
        if (inject is not null)
            straceArguments.AddRange(["-e", $"inject={inject}"]);
        straceArguments.Add(tool.Executable);
        straceArguments.AddRange(arguments);
        var run = ChildProcess.Run(Executable, straceArguments, workingDirectory, timeout: Timeout);
        var lines = File.ReadAllLines(trace);
        File.Delete(trace);
        return new StraceRun(run, lines);
    }

    /// <summary>The most calls one thread made of <paramref name="syscall"/> on <paramref name="path"/>.</summary>
    public static int MostPerThread(IReadOnlyList<TracedCall> calls, string syscall, string path) =>
        calls.Where(c => c.Syscall == syscall && c.Path == path).GroupBy(c => c.Thread).Select(g => g.Count()).DefaultIfEmpty(0).Max();

    private static string Executable { get; } = new[] { "/usr/bin/strace", "/bin/strace" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("strace is not installed: bash build/test.sh installs it (apt-get install strace)");

    /// <summary>
    /// "1234 pwrite64(23&lt;/tmp/x/ledger.db&gt;, ..." or "1234 openat(AT_FDCWD&lt;/tmp/x&gt;, "/tmp/x/ledger.db", O_RDONLY)", and
    /// their "&lt;unfinished ...&gt;" forms; a "resumed" line is the same call again.
    /// </summary>
    internal static TracedCall? Parse(string line)
    {
        var match = OnDescriptor().Match(line) is { Success: true } onDescriptor ? onDescriptor : OnPath().Match(line);
        return match.Success ? new TracedCall(int.Parse(match.Groups["thread"].Value), match.Groups["call"].Value, match.Groups["path"].Value, line) : null;
    }

    [GeneratedRegex(@"^(?<thread>\d+) +(?<call>[a-z0-9_]+)\(\d+<(?<path>[^>]*)>")]
    private static partial Regex OnDescriptor();

    [GeneratedRegex(@"^(?<thread>\d+) +(?<call>openat|open)\((?:[^,]+, )?""(?<path>[^""]*)""")]
    private static partial Regex OnPath();
}
