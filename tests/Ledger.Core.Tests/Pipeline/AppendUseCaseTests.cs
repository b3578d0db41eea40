using Ledger.Core.Diagnostics;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Core.Tests.Pipeline;

public sealed class AppendUseCaseTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reads_every_log_then_appends_them_in_one_call_tagged_with_the_given_commit_branch_and_time()
    {
        using var folder = new TempFolder();
        WriteLog(folder, "runs/grpo/seed1.csv", 1);
        WriteLog(folder, "runs/grpo/seed2.csv", 2);
        var path = folder.File("ledger.db");

        var outcome = AppendUseCase.Run(Request(folder, "runs"), () => LiteDbLedgerStore.Open(path));
        var again = AppendUseCase.Run(Request(folder, "runs"), () => LiteDbLedgerStore.Open(path));

        Assert.Equal((2, 2, 0), (outcome.Runs, outcome.NewRuns, outcome.ExistingRuns));
        Assert.Equal((2, 0, 2), (again.Runs, again.NewRuns, again.ExistingRuns));
        Assert.Equal(("abc", "main", Time), (outcome.Snapshot.Commit, outcome.Snapshot.Branch, outcome.Snapshot.Time));
        Assert.Equal(outcome.Snapshot.Id, again.Snapshot.Id);
    }

    [Fact]
    public void A_bad_log_throws_before_the_ledger_is_opened()
    {
        using var folder = new TempFolder();
        WriteLog(folder, "runs/grpo/seed1.csv", 1);
        File.WriteAllText(folder.File("runs/grpo/seed2.csv"), "compute,reward\n1,x\n");
        var opened = false;

        var error = Assert.Throws<LedgerInputException>(() => AppendUseCase.Run(Request(folder, "runs"), () =>
        {
            opened = true;
            throw new InvalidOperationException("must not be reached");
        }));

        Assert.Equal(ErrorCodes.NotANumber, error.Code);
        Assert.False(opened);
    }

    private static AppendRequest Request(TempFolder folder, string path) =>
        new([path], folder.Path, new ReadOptions(), "abc", "main", Time, _ => null);

    private static void WriteLog(TempFolder folder, string name, int seed)
    {
        var file = folder.File(name);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllLines(file, ["compute,reward", .. Enumerable.Range(1, 10).Select(i => $"{i * 100},{0.1 * i + seed * 1e-3}")]);
    }
}
