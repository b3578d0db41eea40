using System.Text;
using Ledger.Core.Diagnostics;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Core.Tests.Storage;

/// <summary>
/// A damaged, truncated or empty file is refused with exit 3 and left byte for byte as it was, whichever way it is
/// opened; damage found while reading names the record, and is never an unhandled exception.
/// </summary>
public sealed class LedgerDamageTests : IDisposable
{
    private const int PageSize = 8192;
    private readonly TempFolder _folder = new();
    private string DbPath => _folder.File("ledger.db");
    private string LogPath => _folder.File("ledger-log.db");

    public void Dispose() => _folder.Dispose();

    private static LiteDbLedgerStore OpenAs(string mode, string path) => mode switch
    {
        "write" => LiteDbLedgerStore.Open(path),
        "existing" => LiteDbLedgerStore.OpenExisting(path),
        _ => LiteDbLedgerStore.OpenReadOnly(path),
    };

    /// <summary>
    /// Ten runs of one snapshot. The run whose digest sorts at <paramref name="position"/> among them (the runs
    /// collection's order) gets a source path, a string in its record alone, that marks where it is in the file.
    /// </summary>
    private IReadOnlyList<string> CreateLedger(int position = 0)
    {
        var runs = Enumerable.Range(1, 10).Select(seed => SampleRuns.Run("r", seed, path: $"runs/r/seed{seed}.csv")).ToList();
        var digests = runs.Select(RunDigest.Compute).ToList();
        var marked = digests.IndexOf(digests.Order(StringComparer.Ordinal).ElementAt(position));
        runs[marked] = runs[marked] with { SourcePath = Marker };
        using var store = LiteDbLedgerStore.Open(DbPath);
        store.Append(SampleRuns.Draft(), runs);
        return [.. digests.Order(StringComparer.Ordinal)];
    }

    private const string Marker = "runs/r/the-marked-run.csv";

    /// <summary>Puts 0xFF, never valid in UTF-8, into the middle of the first occurrence of <paramref name="text"/> in the file.</summary>
    private void FlipByteInside(string text)
    {
        var bytes = File.ReadAllBytes(DbPath);
        var at = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text));
        Assert.True(at > 0, $"'{text}' is not in the file");
        bytes[at + text.Length / 2] = 0xFF;
        File.WriteAllBytes(DbPath, bytes);
    }

    private static LedgerUnavailableException AssertDamaged(Action action)
    {
        var error = Assert.Throws<LedgerUnavailableException>(action);
        Assert.Equal(ErrorCodes.LedgerDamaged, error.Code);
        Assert.Equal(3, (int)error.ExitCode);
        return error;
    }

    [Fact]
    public void A_bad_string_in_a_run_is_LEDGER402_naming_the_run_for_readers_and_writers_and_verify_lists_it()
    {
        var digests = CreateLedger(position: 4);
        FlipByteInside(Marker);
        var before = File.ReadAllBytes(DbPath);

        using (var reader = LiteDbLedgerStore.OpenReadOnly(DbPath))
        {
            var error = AssertDamaged(() => reader.GetRuns(digests));
            Assert.Contains($"(runs {digests[4]}: a stored string is not valid UTF-8)", error.Message);
            Assert.IsType<DecoderFallbackException>(error.InnerException);
            Assert.Equal(9, reader.GetRuns(digests.Where((_, i) => i != 4).ToList()).Count);
            var damage = Assert.Single(reader.FindDamage());
            Assert.Equal($"runs {digests[4]}", damage.Record);
        }
        using (var writer = LiteDbLedgerStore.Open(DbPath))
        {
            // Appending the damaged run's content again reads its record: the writer refuses, as a reader does.
            var marked = Enumerable.Range(1, 10).Single(seed => RunDigest.Compute(SampleRuns.Run("r", seed)) == digests[4]);
            AssertDamaged(() => writer.Append(SampleRuns.Draft("another"), [SampleRuns.Run("r", marked)]));
        }

        Assert.Equal(before, File.ReadAllBytes(DbPath));
        Assert.False(File.Exists(LogPath));
    }

    public static TheoryData<string, int> WriteModesAndEnds()
    {
        var data = new TheoryData<string, int>();
        foreach (var mode in new[] { "write", "existing" })
        {
            data.Add(mode, 0);
            data.Add(mode, 9);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(WriteModesAndEnds))]
    public void A_bad_string_in_the_first_or_last_record_of_a_collection_is_refused_before_a_writer_may_write(string mode, int position)
    {
        CreateLedger(position);
        FlipByteInside(Marker);
        var before = File.ReadAllBytes(DbPath);

        var error = AssertDamaged(() => OpenAs(mode, DbPath).Dispose());

        Assert.Contains("not valid UTF-8", error.Message);
        Assert.Equal(before, File.ReadAllBytes(DbPath));
        Assert.False(File.Exists(LogPath));
    }

    [Fact]
    public void A_read_only_store_opens_a_ledger_with_a_bad_record_and_lists_it_for_verify()
    {
        var digests = CreateLedger(position: 9);
        FlipByteInside(Marker);

        using var store = LiteDbLedgerStore.OpenReadOnly(DbPath);

        Assert.Equal($"runs {digests[9]}", Assert.Single(store.FindDamage()).Record);
        Assert.Single(store.GetSnapshots());
    }

    public static TheoryData<string, string> ModesAndTruncations()
    {
        var data = new TheoryData<string, string>();
        foreach (var mode in new[] { "write", "existing", "read-only" })
        {
            foreach (var cut in new[] { "half", "page boundary", "one page" })
                data.Add(mode, cut);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ModesAndTruncations))]
    public void A_truncated_ledger_is_refused_untouched(string mode, string cut)
    {
        using (var store = LiteDbLedgerStore.Open(DbPath))
            store.Append(SampleRuns.Draft(), Enumerable.Range(1, 200).Select(seed => SampleRuns.Run("r" + seed, seed)).ToList());
        var whole = File.ReadAllBytes(DbPath);
        Assert.True(whole.Length >= 8 * PageSize, $"the ledger should span several pages, not {whole.Length} bytes");
        var length = cut switch
        {
            "half" => whole.Length / 2 + 100,
            "page boundary" => whole.Length / PageSize / 2 * PageSize,
            _ => PageSize,
        };
        File.WriteAllBytes(DbPath, whole[..length]);

        var error = AssertDamaged(() => OpenAs(mode, DbPath).Dispose());

        Assert.Contains("truncated", error.Message);
        Assert.Equal(whole[..length], File.ReadAllBytes(DbPath));
        Assert.False(File.Exists(LogPath));
    }

    [Theory]
    [InlineData("existing")]
    [InlineData("read-only")]
    public void An_empty_file_is_not_a_ledger_to_a_reader_and_stays_empty(string mode)
    {
        File.WriteAllBytes(DbPath, []);

        var error = AssertDamaged(() => OpenAs(mode, DbPath).Dispose());

        Assert.Contains("empty", error.Message);
        Assert.Equal(0, new FileInfo(DbPath).Length);
        Assert.False(File.Exists(LogPath));
    }

    [Fact]
    public void An_empty_file_becomes_a_ledger_only_with_the_first_write()
    {
        File.WriteAllBytes(DbPath, []);

        using var store = LiteDbLedgerStore.Open(DbPath);
        Assert.Empty(store.GetSnapshots());
        Assert.Equal(0, new FileInfo(DbPath).Length);

        store.Append(SampleRuns.Draft(), [SampleRuns.Run()]);

        Assert.Single(store.GetSnapshots());
        Assert.True(new FileInfo(DbPath).Length >= PageSize);
        Assert.False(File.Exists(LogPath));
    }

    [Fact]
    public void A_failed_first_write_leaves_no_ledger_behind()
    {
        using var store = LiteDbLedgerStore.Open(DbPath);

        Assert.Throws<ArgumentException>(() => store.RecordFits(7, [SampleRuns.Fit()]));

        Assert.False(File.Exists(DbPath));
        Assert.False(File.Exists(LogPath));
    }

    [Fact]
    public void A_read_only_store_refuses_to_write()
    {
        CreateLedger();
        var before = File.ReadAllBytes(DbPath);
        using var store = LiteDbLedgerStore.OpenReadOnly(DbPath);

        Assert.Throws<InvalidOperationException>(() => store.Append(SampleRuns.Draft("x"), [SampleRuns.Run("other")]));

        Assert.Equal(before, File.ReadAllBytes(DbPath));
    }
}
