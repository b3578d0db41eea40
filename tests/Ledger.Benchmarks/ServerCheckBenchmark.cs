using System.Diagnostics;
using System.Globalization;
using Ledger.Tests.Infrastructure;

namespace Ledger.Benchmarks;

/// <summary>
/// `ledger check` as a process on 1,000 recipes x 10 seeds x 1,000 points (10 M points), on a ledger file and on a
/// PostgreSQL ledger, rounds alternating between the two so a busy machine slows both alike: cold (a new ledger: a
/// deleted file, a new database) and then again with nothing changed. The goal: the server within 2x of the file cold,
/// and a rerun on either under 2 s.
/// </summary>
/// <remarks>
/// Run: dotnet run -c Release --project tests/Ledger.Benchmarks -- check-processes [ROUNDS] [RERUNS], with the `ledger`
/// of src/Ledger.Cli built in Release and LEDGER_TEST_POSTGRES naming a server (build/postgres.sh starts one).
/// </remarks>
public static class ServerCheckBenchmark
{
    private const int Recipes = 1_000;
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "ledger-bench-check-1000");
    private static readonly string Logs = Path.Combine(Folder, "logs");

    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var reruns = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var tool = Path.Combine(LocalFeed.RepositoryRoot, "src", "Ledger.Cli", "bin", "Release", "net10.0", "ledger");
        if (!File.Exists(Path.Combine(Folder, "complete")))
        {
            if (Directory.Exists(Folder))
                Directory.Delete(Folder, recursive: true);
            CheckBenchmarks.WriteLogs(Logs, Recipes);
            File.WriteAllText(Path.Combine(Folder, "complete"), "");
        }

        var times = new Dictionary<string, List<double>>();
        void Add(string what, double seconds) => (times.TryGetValue(what, out var list) ? list : times[what] = []).Add(seconds);
        for (var round = 0; round < rounds; round++)
        {
            var file = Path.Combine(Folder, "ledger.db");
            foreach (var path in new[] { file, file + "-log.db" }.Where(File.Exists))
                File.Delete(path);
            using var database = PostgresServer.CreateDatabase();
            foreach (var (store, db) in new[] { ("file", file), ("server", database.Address) })
            {
                Add($"{store} cold", Check(tool, db));
                for (var i = 0; i < reruns; i++)
                    Add($"{store} rerun", Check(tool, db));
            }
        }
        foreach (var (what, seconds) in times)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{what,-14} median {Medians.Of(seconds):0.00} s  (min {seconds.Min():0.00}, max {seconds.Max():0.00}, n = {seconds.Count})"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server / file, cold: {Medians.Of(times["server cold"]) / Medians.Of(times["file cold"]):0.00}x"));
        return 0;
    }

    private static double Check(string tool, string db)
    {
        var clock = Stopwatch.StartNew();
        var run = ChildProcess.Run(tool, ["check", Logs, "--db", db, "--commit", "bench", "--branch", "main"], Folder, timeout: TimeSpan.FromMinutes(20));
        var seconds = clock.Elapsed.TotalSeconds;
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"ledger check exited {run.ExitCode}: {run.Stderr}");
        return seconds;
    }
}
