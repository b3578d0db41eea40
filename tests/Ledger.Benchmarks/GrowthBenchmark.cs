using System.Globalization;
using Ledger.Tests.Infrastructure;

namespace Ledger.Benchmarks;

/// <summary>
/// How `ledger check`'s cost grows: the process, cold (a new ledger) and again with nothing changed, at 10^2, 10^3 and
/// 10^4 recipes of 3 seeds x 100 points, and at 10^2, 10^3 and 10^4 points a run for 100 recipes of 3 seeds. Wall time,
/// CPU time and peak memory come from /usr/bin/time (the kernel's accounting of the finished process); medians of the
/// rounds. The README's growth table is this output.
/// </summary>
/// <remarks>
/// Run: dotnet run -c Release --project tests/Ledger.Benchmarks -- check-growth [ROUNDS], with the `ledger` of
/// src/Ledger.Cli built in Release. The logs are written once under the temporary folder (ledger-bench-growth).
/// </remarks>
public static class GrowthBenchmark
{
    private const int Seeds = 3;
    private static readonly (int Recipes, int Points)[] Sizes =
        [(100, 100), (1_000, 100), (10_000, 100), (100, 1_000), (100, 10_000)];

    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var tool = Path.Combine(LocalFeed.RepositoryRoot, "src", "Ledger.Cli", "bin", "Release", "net10.0", "ledger");
        Console.WriteLine("| recipes | points a run | points in all | cold: wall, CPU, peak | nothing changed: wall, CPU, peak |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (recipes, points) in Sizes)
        {
            var folder = Logs(recipes, points);
            var ledger = Path.Combine(folder, "ledger.db");
            var cold = new List<Usage>();
            var again = new List<Usage>();
            for (var round = 0; round < rounds; round++)
            {
                foreach (var path in new[] { ledger, ledger + "-log.db" }.Where(File.Exists))
                    File.Delete(path);
                cold.Add(Check(tool, folder, ledger));
                again.Add(Check(tool, folder, ledger));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {recipes:N0} | {points:N0} | {(long)recipes * Seeds * points:N0} | {Usage.Median(cold)} | {Usage.Median(again)} |"));
        }
        return 0;
    }

    private static string Logs(int recipes, int points)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ledger-bench-growth", $"{recipes}x{Seeds}x{points}");
        if (!File.Exists(Path.Combine(folder, "complete")))
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
            CheckBenchmarks.WriteLogs(Path.Combine(folder, "logs"), recipes, Seeds, points);
            File.WriteAllText(Path.Combine(folder, "complete"), "");
        }
        return folder;
    }

    private static Usage Check(string tool, string folder, string ledger)
    {
        var run = ChildProcess.Run("/usr/bin/time", ["-f", "usage %e %U %S %M", tool, "check", "logs", "--db", ledger, "--commit", "bench", "--branch", "main"],
            folder, timeout: TimeSpan.FromMinutes(30));
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"ledger check exited {run.ExitCode}: {run.Stderr}");
        var fields = run.Stderr.Split('\n').Last(line => line.StartsWith("usage ", StringComparison.Ordinal)).Split(' ');
        double Field(int i) => double.Parse(fields[i], CultureInfo.InvariantCulture);
        return new Usage(Field(1), Field(2) + Field(3), Field(4) / 1024);
    }

    private readonly record struct Usage(double WallSeconds, double CpuSeconds, double PeakMiB)
    {
        public static string Median(List<Usage> runs) => string.Create(CultureInfo.InvariantCulture,
            $"{Medians.Of(runs.Select(r => r.WallSeconds)):0.00} s, {Medians.Of(runs.Select(r => r.CpuSeconds)):0.00} CPU-s, {Medians.Of(runs.Select(r => r.PeakMiB)):0} MiB");
    }
}
