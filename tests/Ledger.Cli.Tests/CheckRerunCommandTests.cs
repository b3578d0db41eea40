namespace Ledger.Cli.Tests;

/// <summary>
/// `ledger check` run again on the same logs: the same bytes out, and logs read again only when make would rebuild
/// from them (their size or last-write time changed).
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed class CheckRerunCommandTests(InstalledTool tool) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-check-rerun-").FullName;

    [Fact]
    public void A_rerun_prints_the_same_bytes_reads_only_logs_whose_size_or_time_changed_and_verifies()
    {
        for (var seed = 1; seed <= 3; seed++)
            TestLogs.WriteSigmoid(Path.Combine(_work, "runs", "reference", $"seed{seed}.csv"), seed);
        var seed1 = Path.Combine(_work, "runs", "reference", "seed1.csv");

        var first = Check();
        var again = Check();
        // Garbage of the same size under the same last-write time: by make's rule unchanged, so not read.
        var time = File.GetLastWriteTimeUtc(seed1);
        File.WriteAllText(seed1, new string('x', (int)new FileInfo(seed1).Length));
        File.SetLastWriteTimeUtc(seed1, time);
        var unchangedByTheRule = Check();
        File.SetLastWriteTimeUtc(seed1, time.AddSeconds(1));
        var touched = Check();
        var verify = tool.Run(_work, "verify", "--db", "ledger.db");

        Assert.Equal((0, 0), (first.ExitCode, again.ExitCode));
        Assert.StartsWith("appended 3 runs to snapshot 1 (main@c1): 0 new, 3 already in the ledger", again.Stdout);
        // Past the append and fit lines (now "0 new", "reused"), the gate's output is the first run's, byte for byte.
        Assert.Equal(first.Stdout.Split('\n').Skip(2), again.Stdout.Split('\n').Skip(2));
        Assert.Equal(again, unchangedByTheRule);
        Assert.Equal(2, touched.ExitCode);
        Assert.Contains("seed1.csv", touched.Stderr);
        Assert.Equal(0, verify.ExitCode);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private ToolRun Check() => tool.Run(_work, "check", "runs", "--db", "ledger.db", "--commit", "c1", "--branch", "main", "--bootstrap", "200");
}
