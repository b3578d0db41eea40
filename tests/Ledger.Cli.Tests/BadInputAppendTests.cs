using Ledger.Core.Diagnostics;
using Ledger.Core.Storage;

namespace Ledger.Cli.Tests;

/// <summary>
/// Every file of the bad-input corpus (Ledger.Core.Tests/Ingest/BadInputs, linked into this project's output),
/// appended by the real tool to a ledger that already holds data: exit 2, the expected code and position on
/// stderr, no stack trace, and the ledger unchanged, byte for byte and document for document.
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed class BadInputAppendTests(InstalledTool tool, BadInputAppendTests.BaseLedger baseLedger) : IDisposable, IClassFixture<BadInputAppendTests.BaseLedger>
{
    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "BadInputs");
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-bad-").FullName;

    public static TheoryData<string, string, int, int> Entries()
    {
        var data = new TheoryData<string, string, int, int>();
        foreach (var line in File.ReadAllLines(Path.Combine(Corpus, "expectations.csv")).Skip(1).Where(l => l.Length > 0))
        {
            var fields = line.Split(',', 5);
            data.Add(fields[0], fields[1], int.Parse(fields[2]), int.Parse(fields[3]));
        }
        return data;
    }

    [Fact]
    public void The_corpus_is_here_and_complete()
    {
        Assert.True(Entries().Count >= 60);
        Assert.All(Entries(), entry => Assert.True(File.Exists(Path.Combine(Corpus, (string)entry[0]))));
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void A_bad_log_is_exit_2_with_its_code_and_position_and_changes_nothing(string file, string code, int line, int column)
    {
        var db = Path.Combine(_work, "ledger.db");
        File.Copy(baseLedger.PathFor(tool), db);
        var dump = LedgerDump.Of(db);
        var bytes = TestLogs.FileHash(db);
        // A good log beside the bad one: the call must not write it either.
        TestLogs.WriteSigmoid(Path.Combine(_work, "good", "ppo", "seed1.csv"), seed: 2);
        var bad = Path.Combine(Corpus, file);

        var run = tool.Run(_work, "append", "good", bad, "--db", db, "--commit", "c1", "--branch", "main");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains($"{new SourceLocation(bad, line, column)}: error {code}: found ", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Equal(bytes, TestLogs.FileHash(db));
        Assert.Equal(dump, LedgerDump.Of(db));
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>A ledger holding one recipe, written once by the tool and copied for each case (one process fewer per case).</summary>
    public sealed class BaseLedger : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("ledger-bad-base-").FullName;
        private readonly Lock _gate = new();
        private string? _path;

        public string PathFor(InstalledTool tool)
        {
            lock (_gate)
            {
                if (_path is null)
                {
                    TestLogs.WriteSigmoid(Path.Combine(_folder, "runs", "grpo", "seed1.csv"), seed: 1);
                    var path = Path.Combine(_folder, "ledger.db");
                    var run = tool.Run(_folder, "append", "runs", "--db", path, "--commit", "c0", "--branch", "main");
                    Assert.Equal(0, run.ExitCode);
                    _path = path;
                }
                return _path;
            }
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }
}
