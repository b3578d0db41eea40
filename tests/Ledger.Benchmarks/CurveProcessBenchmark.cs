using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Ledger.Tests.Infrastructure;

namespace Ledger.Benchmarks;

/// <summary>
/// `ledger curve` as a process against a scipy script (scipy/fit_curves.py: curve_fit, Levenberg-Marquardt, no
/// intervals) on the same 1,000 logs x 100 points, in pairs whose order alternates so a busy machine slows both alike:
/// wall and CPU seconds of each, their medians, and scipy's wall over ledger's. Then `ledger curve` with its default
/// 1,000-resample bootstrap. Before timing, each A that ledger fits is checked against scipy's, so both did the same work.
/// The goal (issue 17): ledger 3x faster than scipy in wall time with the bootstrap off, and at most 2 s with it.
/// </summary>
/// <remarks>
/// Run: bash build/pack.sh, then dotnet run -c Release --project tests/Ledger.Benchmarks -- curve-processes [ROUNDS],
/// with python3 and scipy installed (LEDGER_BENCH_PYTHON names another interpreter). Installs the packed tool as users do;
/// LEDGER_BENCH_TOOL names an installed `ledger` to race instead (an older build, for before and after).
/// </remarks>
public static class CurveProcessBenchmark
{
    private const int Logs = 1000;
    private const int Points = 100;

    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
        var python = Environment.GetEnvironmentVariable("LEDGER_BENCH_PYTHON") ?? "/usr/bin/python3";
        var script = Path.Combine(LocalFeed.RepositoryRoot, "tests", "Ledger.Benchmarks", "scipy", "fit_curves.py");
        if (ChildProcess.Run(python, ["-c", "import scipy"], LocalFeed.RepositoryRoot).ExitCode != 0)
        {
            Console.Error.WriteLine($"{python} cannot import scipy: install it (Debian: python3-scipy) or set LEDGER_BENCH_PYTHON");
            return 2;
        }
        using var installed = Environment.GetEnvironmentVariable("LEDGER_BENCH_TOOL") is null ? new InstalledTool() : null;
        var ledger = installed?.Executable ?? Environment.GetEnvironmentVariable("LEDGER_BENCH_TOOL")!;
        var folder = Directory.CreateTempSubdirectory("ledger-bench-curve-").FullName;
        try
        {
            CurveOverLogsBenchmarks.WriteLogs(folder, Logs, Points);
            string[] ledgerOff = [ledger, "curve", folder, "--bootstrap", "0", "--format", "json"];
            string[] scipy = [python, script, Path.Combine(folder, "**", "*.csv")];
            CompareAsymptotes(Measure(ledgerOff, folder).Stdout, Measure(scipy, folder).Stdout);

            var (ledgerTimes, scipyTimes, bootstrapTimes) = (new List<Timing>(), new List<Timing>(), new List<Timing>());
            for (var round = 0; round < rounds; round++)
            {
                if (round % 2 == 0)
                {
                    ledgerTimes.Add(Measure(ledgerOff, folder).Timing);
                    scipyTimes.Add(Measure(scipy, folder).Timing);
                }
                else
                {
                    scipyTimes.Add(Measure(scipy, folder).Timing);
                    ledgerTimes.Add(Measure(ledgerOff, folder).Timing);
                }
            }
            for (var round = 0; round < rounds; round++)
                bootstrapTimes.Add(Measure([ledger, "curve", folder, "--format", "json"], folder).Timing);

            Console.WriteLine($"{Logs:N0} logs x {Points} points, {rounds} paired rounds, {Environment.ProcessorCount} cores, medians:");
            Report("ledger curve --bootstrap 0", ledgerTimes);
            Report("scipy curve_fit (lm)", scipyTimes);
            Report("ledger curve (1,000 resamples)", bootstrapTimes);
            var ratios = ledgerTimes.Zip(scipyTimes, (l, s) => s.Wall / l.Wall).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scipy wall / ledger wall: {Medians.Of(ratios):0.00}x (paired rounds {ratios.Min():0.00}-{ratios.Max():0.00}); " +
                $"ratio of CPU-s: {Medians.Of(scipyTimes.Select(t => t.Cpu)) / Medians.Of(ledgerTimes.Select(t => t.Cpu)):0.00}x"));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private readonly record struct Timing(double Wall, double Cpu);

    private static (Timing Timing, string Stdout) Measure(string[] command, string folder)
    {
        var before = ChildrenCpuSeconds();
        var clock = Stopwatch.StartNew();
        var run = ChildProcess.Run(command[0], command[1..], folder);
        var wall = clock.Elapsed.TotalSeconds;
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"{string.Join(' ', command)} exited {run.ExitCode}: {run.Stderr}");
        return (new Timing(wall, ChildrenCpuSeconds() - before), run.Stdout);
    }

    /// <summary>Every A of ledger's JSON within 1e-4 of scipy's for the same log: the two fitted the same curves.</summary>
    private static void CompareAsymptotes(string ledgerJson, string scipyJson)
    {
        var scipy = JsonDocument.Parse(scipyJson).RootElement.EnumerateArray()
            .ToDictionary(f => Path.GetFileName(Path.GetDirectoryName(f.GetProperty("path").GetString())!), f => f.GetProperty("A").GetDouble());
        var fits = JsonDocument.Parse(ledgerJson).RootElement.GetProperty("fits").EnumerateArray().ToList();
        var apart = fits.Select(f => Math.Abs(f.GetProperty("asymptote").GetProperty("value").GetDouble() - scipy[f.GetProperty("recipe").GetString()!])).ToList();
        if (fits.Count != Logs || scipy.Count != Logs || apart.Max() > 1e-4)
            throw new InvalidOperationException($"ledger fitted {fits.Count} logs and scipy {scipy.Count}; largest difference in A {apart.DefaultIfEmpty().Max():G3}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"A agrees with scipy's on all {Logs:N0} logs (largest difference {apart.Max():G3})"));
    }

    private static void Report(string what, List<Timing> times) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what,-32} {Medians.Of(times.Select(t => t.Wall)):0.00} s wall ({times.Min(t => t.Wall):0.00}-{times.Max(t => t.Wall):0.00}), " +
            $"{Medians.Of(times.Select(t => t.Cpu)):0.00} CPU-s"));

    /// <summary>User and system CPU of every child process waited for so far (getrusage RUSAGE_CHILDREN).</summary>
    private static double ChildrenCpuSeconds()
    {
        // struct rusage on 64-bit Linux: ru_utime and ru_stime (timeval: seconds, microseconds), then 14 longs.
        var usage = new long[18];
        if (GetResourceUsage(-1, usage) != 0)
            throw new InvalidOperationException($"getrusage failed: errno {Marshal.GetLastPInvokeError()}");
        return usage[0] + usage[1] / 1e6 + usage[2] + usage[3] / 1e6;
    }

    [DllImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static extern int GetResourceUsage(int who, [Out] long[] usage);
}
