using System.Collections;
using System.Diagnostics;
using Ledger.Core.Diagnostics;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;
using Xunit.Abstractions;

namespace Ledger.Core.Tests.Storage;

/// <summary>
/// What a ledger holds: a run larger than one record is split across records and reads back identical, up to the
/// documented 10,000,000 points; beyond that, and for names too long to index, the input is refused (exit 2) before
/// anything is created, never reported as a damaged ledger.
/// </summary>
public sealed class LedgerSizeTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();
    private string DbPath => _folder.File("ledger.db");

    public void Dispose() => _folder.Dispose();

    /// <summary>Points computed when read, so a test of ten million points does not first hold them all.</summary>
    private sealed class GeneratedPoints(int count, bool withSteps) : IReadOnlyList<CurvePoint>
    {
        public int Count => count;

        public CurvePoint this[int index] =>
            new(10.0 + index, 0.8 / (1 + Math.Pow(5e6 / (10.0 + index), 1.5)) + (index % 7) * 1e-4, withSteps ? index : null);

        public IEnumerator<CurvePoint> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
                yield return this[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static RunLog BigRun(int points, bool withSteps = true) =>
        SampleRuns.Run("big") with { Points = new GeneratedPoints(points, withSteps) };

    [Fact]
    public void A_run_of_a_million_points_is_split_reads_back_identical_and_the_ledger_is_sound()
    {
        using var reader = StoreAndReadBack(1_000_000, withSteps: false);

        Assert.Empty(reader.FindDamage());
    }

    /// <summary>The documented limit. Measured on this shared 2-core machine: stored in 5-11 s, read back in 6-7 s, a 240 MiB file.</summary>
    [Fact]
    public void A_run_of_ten_million_points_the_most_a_ledger_run_holds_is_stored_and_reads_back_identical() =>
        StoreAndReadBack(LedgerLimits.MaxPointsPerRun, withSteps: true).Dispose();

    /// <summary>Stores one generated run, reads it back on a read-only store, and checks it is the same run: same digest (SHA-256 over every point), same points.</summary>
    private LiteDbLedgerStore StoreAndReadBack(int points, bool withSteps)
    {
        var run = BigRun(points, withSteps);
        var clock = Stopwatch.StartNew();
        string digest;
        using (var store = LiteDbLedgerStore.Open(DbPath))
            digest = store.Append(SampleRuns.Draft(), [run]).Snapshot.Recipes["big"].Single();
        var stored = clock.Elapsed;

        var reader = LiteDbLedgerStore.OpenReadOnly(DbPath);
        var back = Assert.Single(reader.GetRuns([digest]));
        var read = clock.Elapsed - stored;

        Assert.Equal(RunDigest.Compute(run), digest);
        Assert.Equal(digest, RunDigest.Compute(back));
        Assert.Equal(points, back.Points.Count);
        for (var i = 0; i < points; i += points / 1000)
            Assert.Equal(run.Points[i], back.Points[i]);
        Assert.Equal(run.Points[points - 1], back.Points[points - 1]);
        output.WriteLine($"{points:N0} points: stored in {stored.TotalSeconds:0.0} s, read back in {read.TotalSeconds:0.0} s, " +
                         $"file {new FileInfo(DbPath).Length / 1048576.0:0} MiB");
        return reader;
    }

    [Fact]
    public void A_ledger_is_version_3_from_its_first_snapshot_and_a_split_run_keeps_it_so()
    {
        using var store = LiteDbLedgerStore.Open(DbPath);
        store.Append(SampleRuns.Draft(), [SampleRuns.Run()]);
        Assert.Contains("""{"_id":"schema","version":3}""", LedgerDump.Of(DbPath));
        Assert.Contains("# runPoints 0\n", LedgerDump.Of(DbPath));

        // 8 MiB holds 335,544 points with steps: one more needs a second record.
        store.Append(SampleRuns.Draft(), [BigRun(335_545)]);

        var dump = LedgerDump.Of(DbPath);
        Assert.Contains("""{"_id":"schema","version":3}""", dump);
        Assert.Contains("# runPoints 2\n", dump);
    }

    [Fact]
    public void A_run_of_more_points_than_a_ledger_holds_is_an_input_error_and_creates_nothing()
    {
        using var store = LiteDbLedgerStore.Open(DbPath);

        var error = Assert.Throws<LedgerInputException>(() => store.Append(SampleRuns.Draft(), [BigRun(LedgerLimits.MaxPointsPerRun + 1)]));

        Assert.Equal(ErrorCodes.RunTooLarge, error.Code);
        Assert.Equal("runs/grpo-b512/seed1.csv", error.Location.File);
        Assert.Contains("10,000,001 points", error.Found);
        Assert.Contains("at most 10,000,000 points per run", error.Expected);
        Assert.False(File.Exists(DbPath));
    }

    [Theory]
    [InlineData(10_000, "a")]
    [InlineData(513, "a")]
    [InlineData(171, "\u20ac")]
    public void A_commit_too_long_to_index_is_an_input_error_and_creates_nothing(int length, string character)
    {
        TestLogs(_folder.File("runs/grpo/seed1.csv"));
        var commit = string.Concat(Enumerable.Repeat(character, length));
        var request = new AppendRequest(["runs"], _folder.Path, new ReadOptions(), commit, "main", SampleRuns.Time, _ => null);

        var error = Assert.Throws<LedgerInputException>(() => AppendUseCase.Run(request, () => LiteDbLedgerStore.Open(DbPath)));

        Assert.Equal(ErrorCodes.NameTooLong, error.Code);
        Assert.Equal("--commit", error.Location.File);
        Assert.Contains("at most 512 bytes", error.Expected);
        Assert.False(File.Exists(DbPath));
    }

    [Fact]
    public void A_commit_of_512_bytes_and_a_recipe_of_512_bytes_are_stored()
    {
        var name = new string('r', 512);
        using var store = LiteDbLedgerStore.Open(DbPath);

        store.Append(SampleRuns.Draft(new string('c', 512), new string('b', 512)), [SampleRuns.Run(name)]);

        Assert.Equal(name, Assert.Single(store.GetSnapshots(commit: new string('c', 512))).Recipes.Keys.Single());
    }

    [Fact]
    public void A_recipe_name_too_long_to_index_is_refused_at_its_log()
    {
        using var store = LiteDbLedgerStore.Open(DbPath);

        var error = Assert.Throws<LedgerInputException>(() => store.Append(SampleRuns.Draft(), [SampleRuns.Run(new string('r', 600))]));

        Assert.Equal(ErrorCodes.NameTooLong, error.Code);
        Assert.Equal("runs/grpo-b512/seed1.csv", error.Location.File);
        Assert.Contains("recipe of 600 bytes", error.Found);
        Assert.False(File.Exists(DbPath));
    }

    private static void TestLogs(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "compute,reward\n500,0.2\n1000,0.3\n2000,0.5\n");
    }
}
