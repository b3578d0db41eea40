namespace Ledger.Cli.Tests;

/// <summary>
/// The installed `ledger` tool under libfaketime, its wall clock stepped an hour forward while it logs in to the test
/// server (as NTP steps a fresh CI machine's clock): the driver's connect timeout, measured on the wall clock, expires at
/// once, and the call must still succeed rather than fail the build with "the operation has timed out".
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed class ServerClockStepTests(InstalledTool tool) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-clock-").FullName;
    private readonly TestDatabase _database = PostgresServer.CreateDatabase();

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public void A_call_whose_clock_steps_while_it_connects_reads_the_ledger_and_exits_0()
    {
        var runs = Path.Combine(_work, "runs");
        TestLogs.WriteSigmoid(Path.Combine(runs, "grpo", "seed1.csv"), seed: 1);
        tool.Run(_work, "append", runs, "--db", _database.Address, "--commit", "c1", "--branch", "main").Require("append");
        var serverPort = PostgresServer.Server.Port ?? throw new InvalidOperationException($"{PostgresServer.Variable} must name a port");
        var clockFile = Path.Combine(_work, "clock");
        using var proxy = new ClockSteppingProxy(serverPort, clockFile, "+1h");
        var throughProxy = _database.Address.Replace($":{serverPort}/", $":{proxy.Port}/", StringComparison.Ordinal);

        // history opens the ledger once, so the stepped connection is the call's only way in (append's first look at
        // the ledger would pass over a failure to reach it).
        var stepped = tool.RunWith(SteppedClock(clockFile), _work, "history", "--db", throughProxy, "--format", "csv");

        Assert.True(stepped.ExitCode == 0, $"history exited {stepped.ExitCode}: {stepped.Stderr}");
        Assert.Equal("+1h", File.ReadAllText(clockFile).Trim());
        Assert.True(proxy.Connections >= 2, $"the clock step must have cost the first connection; the relay saw {proxy.Connections}");
        Assert.Equal(tool.Run(_work, "history", "--db", _database.Address, "--format", "csv").Require("history").Stdout, stepped.Stdout);
    }

    /// <summary>
    /// libfaketime reading its offset from <paramref name="clockFile"/> on every call, the monotonic clock left true (as
    /// a real step leaves it), and its monotonic condition-variable fix off: with it on, .NET's timed socket waits expire
    /// at random under the preload.
    /// </summary>
    private static Dictionary<string, string> SteppedClock(string clockFile) => new()
    {
        ["LD_PRELOAD"] = Libfaketime(),
        ["FAKETIME_TIMESTAMP_FILE"] = clockFile,
        ["FAKETIME_NO_CACHE"] = "1",
        ["FAKETIME_DONT_FAKE_MONOTONIC"] = "1",
        ["FAKETIME_FORCE_MONOTONIC_FIX"] = "0",
    };

    private static string Libfaketime() =>
        Directory.EnumerateDirectories("/usr/lib").Select(d => Path.Combine(d, "faketime", "libfaketime.so.1")).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("libfaketime is missing: build/test.sh installs it (apt-get install faketime)");
}
