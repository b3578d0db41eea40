using System.Buffers.Binary;
using System.Text;

namespace Ledger.Cli.Tests;

/// <summary>
/// Every verb on a damaged ledger: truncated to half (inside a page), at a page boundary, or to its first page, or with a
/// byte inside a string turned into one that is never UTF-8. Each refuses with exit 3 LEDGER402 (verify lists the bad
/// record as a finding, exit 1), says what is damaged, prints no stack trace, and leaves the file byte for byte as it was
/// with no log beside it. Before, the refusing process cut the file to whole pages, a bad string ended in an unhandled
/// DecoderFallbackException (exit 134), and fit and append went on writing into the damaged file.
/// An empty file (what mktemp leaves) is no ledger to a reader; append and check make a new ledger in it.
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed class DamagedLedgerRefusalTests(InstalledTool tool) : IDisposable
{
    private const int PageSize = 8192;
    private const string Commit = "c1-the-build-whose-snapshot-is-damaged";
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-damaged-").FullName;

    private string Db => Path.Combine(_work, "l.db");

    /// <summary>Every verb that opens a ledger, with what it needs to get that far.</summary>
    private static readonly string[] Verbs = ["history", "verify", "report", "rank", "predict", "fit", "gate", "append", "check"];

    private static string[] Arguments(string verb) => verb switch
    {
        "report" => ["report", "--out", "report"],
        "rank" => ["rank", "--branch", "main"],
        "predict" => ["predict", "--recipe", "grpo", "--compute", "100000", "--branch", "main"],
        "fit" or "gate" => [verb, "--commit", Commit, "--branch", "main", "--bootstrap", "0"],
        "append" => ["append", "runs", "--commit", "c9", "--branch", "main"],
        "check" => ["check", "runs", "--commit", "c9", "--branch", "main", "--bootstrap", "0"],
        _ => [verb],
    };

    [Theory]
    [InlineData("half")]
    [InlineData("page boundary")]
    [InlineData("one page")]
    public void Every_verb_refuses_a_truncated_ledger_untouched(string cut)
    {
        var good = GoodLedger();
        var length = cut switch
        {
            "half" => good.Length / 2 + 100,
            "page boundary" => good.Length / PageSize / 2 * PageSize,
            _ => PageSize,
        };

        foreach (var verb in Verbs)
        {
            var run = Refused(good[..length], verb, expectedExit: 3);
            Assert.Contains("error LEDGER402", run.Stderr);
            Assert.Contains("truncated", run.Stderr);
        }
    }

    [Fact]
    public void Every_verb_refuses_a_ledger_with_a_bad_string_naming_the_record_and_verify_lists_it()
    {
        var damaged = GoodLedger();
        // The snapshot record's commit: "commit", NUL, the string's length, the string (its index key and the runs'
        // firstSeenCommit are stored without that field name). Every verb reads the snapshot, or probes it before writing.
        var at = damaged.AsSpan().IndexOf([.. Encoding.UTF8.GetBytes("commit\0"), .. Length(Commit), .. Encoding.UTF8.GetBytes(Commit)]);
        Assert.True(at > 0);
        damaged[at + 12 + Commit.Length / 2] = 0xFF;

        foreach (var verb in Verbs)
        {
            var run = Refused(damaged, verb, expectedExit: verb == "verify" ? 1 : 3);
            Assert.Contains(verb == "verify" ? "damaged: snapshots 1: a stored string is not valid UTF-8" : "error LEDGER402", run.Output);
            Assert.Contains("snapshots 1: a stored string is not valid UTF-8", run.Output);
        }
    }

    [Fact]
    public void An_empty_file_is_no_ledger_to_any_verb_but_append_and_check_which_make_one_in_it()
    {
        WriteLogs();
        foreach (var verb in Verbs.Where(verb => verb is not ("append" or "check")))
        {
            var run = Refused([], verb, expectedExit: 3);
            Assert.Contains("error LEDGER402", run.Stderr);
            Assert.Contains("the file is empty", run.Stderr);
        }
        foreach (var verb in new[] { "append", "check" })
        {
            File.WriteAllBytes(Db, []);
            var run = tool.Run(_work, [.. Arguments(verb), "--db", Db]);
            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Equal(0, tool.Run(_work, "history", "--db", Db, "--bootstrap", "0").ExitCode);
        }
    }

    /// <summary>Runs the verb on a ledger holding <paramref name="bytes"/> and checks the refusal: its exit code, no stack trace, the file unchanged and no log made.</summary>
    private ToolRun Refused(byte[] bytes, string verb, int expectedExit)
    {
        File.WriteAllBytes(Db, bytes);
        var run = tool.Run(_work, [.. Arguments(verb), "--db", Db]);
        Assert.True(run.ExitCode == expectedExit, $"{verb}: exit {run.ExitCode}\n{run.Output}");
        Assert.DoesNotContain("Unhandled exception", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(Db)), $"{verb} changed the file it refused");
        Assert.False(File.Exists(Path.Combine(_work, "l-log.db")), $"{verb} left a log beside the file it refused");
        return run;
    }

    /// <summary>A ledger with a checked build (snapshot, runs, fits, verdicts, a gate summary) spanning many pages.</summary>
    private byte[] GoodLedger()
    {
        WriteLogs();
        var good = Path.Combine(_work, "good.db");
        File.Delete(good);
        var run = tool.Run(_work, "check", "runs", "--db", good, "--commit", Commit, "--branch", "main", "--bootstrap", "0");
        Assert.True(run.ExitCode == 0, run.Output);
        var bytes = File.ReadAllBytes(good);
        Assert.True(bytes.Length >= 8 * PageSize, $"the ledger should span several pages, not {bytes.Length} bytes");
        return bytes;
    }

    private void WriteLogs()
    {
        for (var seed = 1; seed <= 3; seed++)
            TestLogs.WriteSigmoid(Path.Combine(_work, "runs", "grpo", $"seed{seed}.csv"), seed);
        for (var recipe = 0; recipe < 40; recipe++)
            TestLogs.WriteSigmoid(Path.Combine(_work, "runs", $"other-{recipe:D2}", "seed1.csv"), 100 + recipe);
    }

    private static byte[] Length(string text)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, Encoding.UTF8.GetByteCount(text) + 1);
        return length;
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
