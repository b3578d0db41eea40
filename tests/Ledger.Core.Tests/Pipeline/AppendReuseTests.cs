using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage.LiteDb;
using Ledger.Core.Tests.Support;

namespace Ledger.Core.Tests.Pipeline;

/// <summary>
/// An append skips a file the ledger has read before, unchanged, by make's rule: same path, size, last-write time and
/// read options. These tests watch which files are read by damaging content behind the rule's back.
/// </summary>
public sealed class AppendReuseTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_unchanged_file_is_not_read_again_and_the_append_reports_exactly_what_a_fresh_read_does()
    {
        using var folder = new TempFolder();
        var seed1 = WriteLog(folder, "runs/grpo/seed1.csv", 1);
        WriteLog(folder, "runs/grpo/seed2.csv", 2);
        var first = Append(folder, new ReadOptions());
        // Same size and same last-write time, garbage inside: make's rule says unchanged, so it must not be read.
        CorruptKeepingSizeAndTime(seed1);

        var again = Append(folder, new ReadOptions());

        Assert.Equal((2, 0), (first.FilesRead, first.FilesReused));
        Assert.Equal((0, 2), (again.FilesRead, again.FilesReused));
        Assert.Equal((2, 0, 2), (again.Runs, again.NewRuns, again.ExistingRuns));
        Assert.Equal(first.Snapshot, again.Snapshot with { Recipes = first.Snapshot.Recipes });
        Assert.Equal(first.Snapshot.Recipes["grpo"], again.Snapshot.Recipes["grpo"]);
    }

    [Fact]
    public void A_file_rewritten_with_the_same_size_but_a_new_time_is_read_again()
    {
        using var folder = new TempFolder();
        var seed1 = WriteLog(folder, "runs/grpo/seed1.csv", 1);
        Append(folder, new ReadOptions());
        var (size, time) = (new FileInfo(seed1).Length, File.GetLastWriteTimeUtc(seed1));
        WriteLog(folder, "runs/grpo/seed1.csv", 3);
        File.SetLastWriteTimeUtc(seed1, time.AddSeconds(1));

        var again = Append(folder, new ReadOptions());

        Assert.Equal(size, new FileInfo(seed1).Length);
        Assert.Equal((1, 0), (again.FilesRead, again.FilesReused));
        Assert.Equal((1, 1, 0), (again.Runs, again.NewRuns, again.ExistingRuns));
    }

    [Fact]
    public void A_log_reached_through_a_link_is_read_again_when_its_target_changes()
    {
        using var folder = new TempFolder();
        var target = WriteLog(folder, "store/seed1.csv", 1);
        Directory.CreateDirectory(folder.File("runs/grpo"));
        File.CreateSymbolicLink(folder.File("runs/grpo/seed1.csv"), target);
        Append(folder, new ReadOptions());
        // The link itself is untouched: its own length and time are what they were.
        var (linkLength, linkTime) = (new FileInfo(folder.File("runs/grpo/seed1.csv")).Length, File.GetLastWriteTimeUtc(folder.File("runs/grpo/seed1.csv")));
        WriteLog(folder, "store/seed1.csv", 3);
        File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(target).AddSeconds(1));

        var again = Append(folder, new ReadOptions());

        Assert.Equal((linkLength, linkTime), (new FileInfo(folder.File("runs/grpo/seed1.csv")).Length, File.GetLastWriteTimeUtc(folder.File("runs/grpo/seed1.csv"))));
        Assert.Equal((1, 0), (again.FilesRead, again.FilesReused));
        Assert.Equal((1, 1, 0), (again.Runs, again.NewRuns, again.ExistingRuns));
    }

    [Fact]
    public void A_touched_file_is_read_again_and_its_runs_are_found_already_stored()
    {
        using var folder = new TempFolder();
        var seed1 = WriteLog(folder, "runs/grpo/seed1.csv", 1);
        WriteLog(folder, "runs/grpo/seed2.csv", 2);
        Append(folder, new ReadOptions());
        File.SetLastWriteTimeUtc(seed1, File.GetLastWriteTimeUtc(seed1).AddSeconds(1));

        var again = Append(folder, new ReadOptions());

        Assert.Equal((1, 1), (again.FilesRead, again.FilesReused));
        Assert.Equal((2, 0, 2), (again.Runs, again.NewRuns, again.ExistingRuns));
    }

    [Fact]
    public void Other_read_options_read_the_file_again()
    {
        using var folder = new TempFolder();
        WriteLog(folder, "runs/grpo/seed1.csv", 1);
        Append(folder, new ReadOptions());

        var renamed = Append(folder, new ReadOptions { Recipe = "grpo-renamed" });

        Assert.Equal((1, 0), (renamed.FilesRead, renamed.FilesReused));
        Assert.Equal(1, renamed.NewRuns);
        Assert.Contains("grpo-renamed", renamed.Snapshot.Recipes.Keys);
    }

    [Theory]
    [InlineData("run", null)]
    [InlineData(null, "^(?<recipe>.+)-seed[0-9]+$")]
    public void A_new_recipe_rule_reads_the_file_again(string? recipeFrom, string? recipePattern)
    {
        using var folder = new TempFolder();
        var file = folder.File("runs/sweep/runs.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllLines(file, ["run,compute,reward", .. new[] { "grpo-seed1", "grpo-seed2" }.SelectMany(run => Enumerable.Range(1, 5).Select(i => $"{run},{i * 100},{0.1 * i}"))]);
        Append(folder, new ReadOptions());

        var again = Append(folder, new ReadOptions { RecipeFrom = recipeFrom, RecipePattern = recipePattern });

        Assert.Equal((1, 0), (again.FilesRead, again.FilesReused));
        Assert.Equal(recipeFrom is null ? ["grpo"] : ["grpo-seed1", "grpo-seed2"], again.Snapshot.Recipes.Keys.Where(r => r != "sweep").Order());
    }

    [Fact]
    public void A_reused_file_repeats_its_count_of_rows_skipped_for_a_blank_metric()
    {
        using var folder = new TempFolder();
        var file = folder.File("runs/grpo/history.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllLines(file, ["compute,reward", .. Enumerable.Range(1, 10).Select(i => i % 3 == 0 ? $"{i * 100},{0.1 * i}" : $"{i * 100},")]);
        var first = Append(folder, new ReadOptions());

        var again = Append(folder, new ReadOptions());

        Assert.Equal(["runs/grpo/history.csv: warning: skipped 7 rows with a blank 'reward' (a metric logged on only some rows)"], first.Warnings);
        Assert.Equal(1, again.FilesReused);
        Assert.Equal(first.Warnings, again.Warnings);
    }

    [Fact]
    public void A_reused_file_repeats_the_warnings_its_read_gave()
    {
        using var folder = new TempFolder();
        var file = folder.File("runs/grpo/history.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        // A W&B history export of exactly 500 rows: read, it warns that it looks down-sampled.
        File.WriteAllLines(file, ["_step,_runtime,compute,reward", .. Enumerable.Range(1, 500).Select(i => $"{i},{i * 10},{i * 10},{i / 1000.0}")]);
        var first = Append(folder, new ReadOptions());

        var again = Append(folder, new ReadOptions());

        Assert.NotEmpty(first.Warnings);
        Assert.Equal(1, again.FilesReused);
        Assert.Equal(first.Warnings, again.Warnings);
    }

    [Fact]
    public void A_ledger_written_before_files_were_recorded_opens_and_learns_them()
    {
        using var folder = new TempFolder();
        var ledger = folder.File("ledger.db");
        File.Copy(Path.Combine(TestData.Repository, "ledger.db.example"), ledger);
        WriteLog(folder, "runs/grpo/seed1.csv", 1);

        var first = Append(folder, new ReadOptions(), ledger);
        var again = Append(folder, new ReadOptions(), ledger);

        Assert.Equal((1, 0, 1), (first.FilesRead, first.FilesReused, first.NewRuns));
        Assert.Equal((0, 1, 1), (again.FilesRead, again.FilesReused, again.ExistingRuns));
    }

    private static AppendOutcome Append(TempFolder folder, ReadOptions read, string? ledger = null)
    {
        var path = ledger ?? folder.File("ledger.db");
        return AppendUseCase.Run(new AppendRequest(["runs"], folder.Path, read, "abc", "main", Time, _ => null),
            () => LiteDbLedgerStore.Open(path), () => LiteDbLedgerStore.OpenIfExists(path));
    }

    private static string WriteLog(TempFolder folder, string name, int seed)
    {
        var file = folder.File(name);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllLines(file, ["compute,reward", .. Enumerable.Range(1, 10).Select(i => $"{i * 100},{0.1 * i + seed * 1e-3:F4}")]);
        return file;
    }

    /// <summary>Overwrites the file with non-numbers of the same length and puts its last-write time back.</summary>
    private static void CorruptKeepingSizeAndTime(string file)
    {
        var time = File.GetLastWriteTimeUtc(file);
        var lines = File.ReadAllLines(file);
        File.WriteAllLines(file, [lines[0], .. lines.Skip(1).Select(line => new string('x', line.Length))]);
        File.SetLastWriteTimeUtc(file, time);
    }
}
