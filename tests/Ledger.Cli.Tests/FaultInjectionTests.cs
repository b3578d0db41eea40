using System.Diagnostics;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;
using Xunit.Abstractions;

namespace Ledger.Cli.Tests;

/// <summary>
/// Fault injection on real `ledger` processes, as SQLite tests itself: for append, fit, gate and check, the N-th write
/// (pwrite64) of the ledger's log or data file fails with ENOSPC or EIO, or its fsync fails with EIO (of the log, the data
/// file, or their folder), or the process is killed (SIGKILL) at its N-th write. Before the fix 18 of 24 such trials
/// exited 0 with the data gone, and `check` hung on a full disk. Now every trial must end within two minutes, and:
/// the exit code is honest (0 only with the call's changes in the ledger; 3 with LEDGER405 saying whether anything of
/// the call was kept, and that is so), no stack trace, the ledger opens with no damaged record, `ledger verify` passes,
/// and running the same command again succeeds with everything there.
/// </summary>
/// <remarks>
/// Which N: a dry run under strace counts, per thread, the writes and fsyncs of each file (strace counts the N-th call
/// per thread). The data file is written and fsynced by the thread that runs the call, so its counts are fixed: the
/// faults take its first, middle and last write (the checkpoint's first page, one inside it, its last) and its first and
/// last fsync, and the folder's first and last. The log is written by LiteDB's writer thread, which moves to another
/// thread whenever its queue runs dry, so only a thread's first and second log write and first fsync are sure to come:
/// the faults take the disk full from the first log write, full from the second on, an I/O error at the second, and the
/// first fsync. Kills come at the log's second write and the data file's first and last. That is every phase of a write
/// call once: the transaction going into the log, the log made durable, the checkpoint, the flushes of file and folder.
/// Ledger and LiteDB call fsync, never fdatasync (the dry runs show none).
/// </remarks>
[Collection(InstalledToolCollection.Name)]
public sealed class FaultInjectionTests(InstalledTool tool, ITestOutputHelper output) : IDisposable
{
    private const string Commit = "c2";
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-faults-").FullName;

    private string Db => Path.Combine(_work, "l.db");
    private string Log => Path.Combine(_work, "l-log.db");
    private string Start => Path.Combine(_work, "start.db");

    public static TheoryData<string> Verbs => ["append", "fit", "gate", "check"];

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Every_injected_fault_gives_an_honest_exit_code_and_a_sound_ledger_that_takes_the_call_again(string verb)
    {
        var clock = Stopwatch.StartNew();
        Prepare(verb);
        var command = Command(verb);
        var steps = Steps(verb);

        Reset();
        var dry = Strace.Run(tool, _work, [Db, Log, _work], "pwrite64,fsync,fdatasync", null, command);
        Assert.True(dry.Run.ExitCode == 0, dry.Run.Output);
        Assert.DoesNotContain(dry.Calls, call => call.Syscall == "fdatasync");
        var outcomes = new List<string>();
        foreach (var fault in Faults(dry.Calls))
        {
            Reset();
            var run = Strace.Run(tool, _work, [fault.Path], fault.Syscall, fault.Injection, command);
            var what = $"{verb}, {fault}: exit {run.Run.ExitCode}";
            Assert.True(run.Injected, $"{what}: the fault was never injected");
            Assert.DoesNotContain("Unhandled exception", run.Run.Stderr);
            Assert.DoesNotContain("   at ", run.Run.Stderr);

            var expected = Expected(fault, run.Run, steps, what);
            using (var store = LiteDbLedgerStore.OpenReadOnly(Db))
            {
                Assert.Empty(store.FindDamage());
                var found = steps.Select(step => step.Done(store)).ToList();
                if (expected is not null)
                    Assert.True(expected.SequenceEqual(found), $"{what}: expected [{string.Join(", ", expected)}], found [{string.Join(", ", found)}]\n{run.Run.Stderr}");
                // A killed append is all or nothing too.
                Assert.True(Snapshot(store) is null || Snapshot(store)!.Recipes["grpo"].Count == 3, what);
            }
            var verify = tool.Run(_work, "verify", "--db", Db);
            Assert.True(verify.ExitCode == 0, $"{what}: verify {verify.Output}");
            var again = tool.Run(_work, command);
            Assert.True(again.ExitCode == 0, $"{what}: rerun {again.Output}");
            using (var store = LiteDbLedgerStore.OpenReadOnly(Db))
                Assert.All(steps, step => Assert.True(step.Done(store), $"{what}: after the rerun, {step.Name} is missing"));
            outcomes.Add($"{what} {Outcome(run.Run)}");
        }
        output.WriteLine(string.Join('\n', outcomes));
        output.WriteLine($"{outcomes.Count} faults in {clock.Elapsed.TotalSeconds:0} s");
    }

    /// <summary>What each step of the verb writes, and how to see it in the ledger.</summary>
    private sealed record Step(string Name, Func<ILedgerStore, bool> Done);

    private static Snapshot? Snapshot(ILedgerStore store) => store.GetSnapshots(commit: Commit).SingleOrDefault();

    private static readonly Step Appended = new("the appended runs", store => Snapshot(store) is { } s && s.Recipes["grpo"].Count == 3);
    private static readonly Step Fitted = new("the fits", store => Snapshot(store) is { } s && store.GetFits(s.Id).Count > 0);
    private static readonly Step Gated = new("the verdicts", store => Snapshot(store) is { } s && store.GetVerdicts(s.Id).Count > 0);

    private static IReadOnlyList<Step> Steps(string verb) => verb switch
    {
        "append" => [Appended],
        "fit" => [Fitted],
        "gate" => [Gated],
        _ => [Appended, Fitted, Gated],
    };

    private string[] Command(string verb)
    {
        string[] common = ["--db", Db, "--commit", Commit, "--branch", "main"];
        return verb switch
        {
            "append" => ["append", "next", .. common],
            "check" => ["check", "next", "--bootstrap", "0", .. common],
            _ => [verb, "--bootstrap", "0", .. common],
        };
    }

    /// <summary>
    /// The ledger before the call: a first build on main, checked; for fit the second build appended, for gate also fitted.
    /// The second build's runs are new seeds of the same recipe, so its gate passes and a rerun exits 0.
    /// </summary>
    private void Prepare(string verb)
    {
        for (var seed = 1; seed <= 6; seed++)
            TestLogs.WriteSigmoid(Path.Combine(_work, seed <= 3 ? "base" : "next", "grpo", $"seed{seed}.csv"), seed);
        Require(tool.Run(_work, "check", "base", "--db", Start, "--commit", "c1", "--branch", "main", "--bootstrap", "0"));
        if (verb is "fit" or "gate")
            Require(tool.Run(_work, "append", "next", "--db", Start, "--commit", Commit, "--branch", "main"));
        if (verb is "gate")
            Require(tool.Run(_work, "fit", "--db", Start, "--commit", Commit, "--branch", "main", "--bootstrap", "0"));
    }

    private static void Require(ToolRun run) => Assert.True(run.ExitCode == 0, run.Output);

    private void Reset()
    {
        File.Copy(Start, Db, overwrite: true);
        File.Delete(Log);
    }

    /// <summary>One fault: which call on which file fails (or kills the process), and when.</summary>
    private sealed record Fault(string Syscall, string Path, string Action, string When)
    {
        public string Injection => $"{Syscall}:{Action}:when={When}";

        public bool Kills => Action.StartsWith("signal", StringComparison.Ordinal);

        public override string ToString() =>
            $"{Action} at {Syscall} #{When} of {(System.IO.Path.HasExtension(Path) ? System.IO.Path.GetFileName(Path) : "the folder")}";
    }

    private IEnumerable<Fault> Faults(IReadOnlyList<TracedCall> dry)
    {
        int Most(string syscall, string path)
        {
            var most = Strace.MostPerThread(dry, syscall, path);
            Assert.True(most > 0, $"the dry run made no {syscall} on {path}");
            return most;
        }
        int[] FirstMiddleLast(int n) => [.. new[] { 1, (n + 1) / 2, n }.Distinct()];
        // LiteDB's log writer moves to another thread whenever its queue runs dry (a call's 5 log writes came as 5, or as
        // 1 + 4, over 20 dry runs), and strace counts per thread: only the first and second write of a thread are sure to
        // come. So: the disk full from the first log write, full from the second on (when=2+: every later write fails too),
        // and one I/O error at the second.
        Assert.True(Most("pwrite64", Log) >= 2, "the dry run wrote the log less than twice on any thread");
        yield return new Fault("pwrite64", Log, "error=ENOSPC", "1");
        yield return new Fault("pwrite64", Log, "error=ENOSPC", "2+");
        yield return new Fault("pwrite64", Log, "error=EIO", "2");
        var dataWrites = Most("pwrite64", Db);
        foreach (var when in FirstMiddleLast(dataWrites))
            yield return new Fault("pwrite64", Db, when == dataWrites ? "error=EIO" : "error=ENOSPC", $"{when}");
        // The log's writer thread fsyncs whenever its queue runs dry, once or twice a call as timing has it: only its first is sure to come.
        Most("fsync", Log);
        yield return new Fault("fsync", Log, "error=EIO", "1");
        foreach (var path in new[] { Db, _work })
        {
            foreach (var when in new[] { 1, Most("fsync", path) }.Distinct())
                yield return new Fault("fsync", path, "error=EIO", $"{when}");
        }
        yield return new Fault("pwrite64", Log, "signal=KILL", "2");
        foreach (var when in new[] { 1, dataWrites }.Distinct())
            yield return new Fault("pwrite64", Db, "signal=KILL", $"{when}");
    }

    /// <summary>
    /// Which steps the ledger must hold after the faulty run, from what the run said: exit 0, all of them; exit 3, the steps
    /// before the one that failed (check says which it had done), and the failed one only if the message says it was kept.
    /// Null for a killed run, which says nothing.
    /// </summary>
    private static bool[]? Expected(Fault fault, ToolRun run, IReadOnlyList<Step> steps, string what)
    {
        if (fault.Kills)
        {
            Assert.Equal(128 + 9, run.ExitCode);
            return null;
        }
        if (run.ExitCode == 0)
            return [.. steps.Select(_ => true)];
        Assert.True(run.ExitCode == 3, $"{what}\n{run.Stderr}");
        Assert.Contains("error LEDGER405", run.Stderr);
        var kept = run.Stderr.Contains("This call's changes are kept", StringComparison.Ordinal)
                   || run.Stderr.Contains("This call's changes are in the ledger", StringComparison.Ordinal);
        var nothing = run.Stderr.Contains("nothing of this call was kept", StringComparison.Ordinal);
        Assert.True(kept != nothing, $"{what}: the message must say whether the call was kept\n{run.Stderr}");
        var done = run.Stderr.Contains("had appended, fitted and gated", StringComparison.Ordinal) ? 3
            : run.Stderr.Contains("and recorded its fits before this", StringComparison.Ordinal) ? 2
            : run.Stderr.Contains("had appended the runs", StringComparison.Ordinal) ? 1
            : 0;
        return [.. steps.Select((_, i) => i < done || (i == done && kept))];
    }

    private static string Outcome(ToolRun run) => run.ExitCode switch
    {
        0 => "(all kept)",
        3 when run.Stderr.Contains("nothing of this call was kept", StringComparison.Ordinal) => "(nothing of the call kept)",
        3 => "(the call kept)",
        _ => "(killed)",
    };

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
