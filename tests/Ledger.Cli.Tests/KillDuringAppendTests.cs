using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ledger.Core.Ingest;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;
using Xunit.Abstractions;

namespace Ledger.Cli.Tests;

/// <summary>
/// `kill -9` in the middle of an append, 100 times: a real `ledger append` of a large log (100 runs of 2,000
/// points) is killed after a delay drawn from a seeded generator over the measured length of one append. Every
/// time the ledger must open, hold all 100 runs of that call (with their snapshot) or none of them, keep what it
/// held before, and take a later append.
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed class KillDuringAppendTests(InstalledTool tool, ITestOutputHelper output) : IDisposable
{
    private const int Kills = 100;
    private const int Runs = 100;
    private const int PointsPerRun = 2000;
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-kill-").FullName;

    [Fact]
    public void A_killed_append_writes_all_of_its_runs_or_none_and_the_ledger_stays_usable()
    {
        var big = WriteBigLog(Path.Combine(_work, "big.csv"));
        var expected = RunLogReader.Read(big, new ReadOptions { Recipe = "big" }).Select(RunDigest.Compute).ToList();
        Assert.Equal(Runs, expected.Distinct().Count());
        var baseLedger = Path.Combine(_work, "base.db");
        TestLogs.WriteSigmoid(Path.Combine(_work, "runs", "before", "seed1.csv"), seed: 1);
        Assert.Equal(0, tool.Run(_work, "append", "runs", "--db", baseLedger, "--commit", "before", "--branch", "main").ExitCode);
        var db = Path.Combine(_work, "ledger.db");
        var later = RunLogReader.Read(TestLogs.WriteSigmoid(Path.Combine(_work, "later", "after", "seed1.csv"), seed: 2), new ReadOptions());

        // One undisturbed append gives the time scale for the kills.
        Reset(baseLedger, db);
        var clock = Stopwatch.StartNew();
        var whole = Append(big, db).WaitForExit();
        var duration = clock.Elapsed;
        Assert.Equal(0, whole.ExitCode);

        var random = new Random(20261123);
        int none = 0, all = 0, logLeft = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            Reset(baseLedger, db);
            // Most of an append is start-up and reading; the delays lean towards its end, where the transaction is.
            var delay = duration * (0.35 + 0.75 * random.NextDouble());
            using (var process = Append(big, db))
            {
                Thread.Sleep(delay);
                process.KillHard();
            }
            if (File.Exists(Path.Combine(_work, "ledger-log.db")))
                logLeft++;

            using var store = LiteDbLedgerStore.Open(db, TimeSpan.FromSeconds(30));
            var found = store.GetRuns(expected);
            var snapshot = store.GetSnapshots(commit: "killed").SingleOrDefault();
            if (found.Count == 0)
            {
                Assert.Null(snapshot);
                none++;
            }
            else
            {
                Assert.Equal(Runs, found.Count);
                Assert.All(found, run => Assert.Equal(PointsPerRun, run.Points.Count));
                Assert.NotNull(snapshot);
                Assert.Equal(expected.Order(), snapshot.Recipes["big"].Order());
                all++;
            }
            Assert.Equal(["before"], store.GetSnapshots(commit: "before").Single().Recipes.Keys);
            var afterwards = store.Append(new SnapshotDraft($"later-{kill}", "main", DateTimeOffset.UnixEpoch), later);
            Assert.Equal(1, afterwards.NewRuns);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"one append: {duration.TotalMilliseconds:0} ms; {Kills} kills: {none} wrote nothing, {all} wrote every run, {logLeft} left a -log.db file"));
        Assert.Equal(Kills, none + all);
        // The delays must reach both sides of the commit, or the test proves less than it claims.
        Assert.InRange(none, 1, Kills - 1);
        // And the tool still works on a file that was killed under it.
        var final = tool.Run(_work, "append", "later", "--db", db, "--commit", "final", "--branch", "main");
        Assert.Equal(0, final.ExitCode);
        Assert.Equal(0, tool.Run(_work, "history", "--db", db, "--bootstrap", "0").ExitCode);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private RunningTool Append(string log, string db) =>
        tool.Start(_work, "append", log, "--db", db, "--recipe", "big", "--commit", "killed", "--branch", "main");

    /// <summary>A fresh copy of the small base ledger, with no log file left from the previous kill.</summary>
    private void Reset(string baseLedger, string db)
    {
        File.Delete(Path.Combine(_work, "ledger-log.db"));
        File.Copy(baseLedger, db, overwrite: true);
    }

    private static string WriteBigLog(string path)
    {
        var random = new Random(5);
        var text = new StringBuilder("run,compute,reward\n");
        for (var run = 0; run < Runs; run++)
        {
            for (var i = 0; i < PointsPerRun; i++)
            {
                var compute = 10 * Math.Pow(10, 4.0 * i / (PointsPerRun - 1));
                var reward = 0.7 / (1 + Math.Pow(5000 / compute, 1.5)) + 0.01 * random.NextDouble();
                text.Append(CultureInfo.InvariantCulture, $"seed{run},{compute:R},{reward:R}\n");
            }
        }
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
