using Ledger.Core.Diagnostics;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;
using LiteDB;

namespace Ledger.Core.Tests.Storage;

/// <summary>A ledger that cannot be used gives exit 3 with a stable code and advice, never a raw database exception.</summary>
public sealed class LedgerOpenFailureTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private string DbPath => _folder.File("ledger.db");

    public void Dispose() => _folder.Dispose();

    private static LedgerUnavailableException AssertUnavailable(string code, Action action)
    {
        var error = Assert.Throws<LedgerUnavailableException>(action);
        Assert.Equal(code, error.Code);
        Assert.Equal(ExitCode.LedgerUnavailable, error.ExitCode);
        Assert.Equal(3, (int)error.ExitCode);
        Assert.Contains($"error {code}:", error.Message);
        return error;
    }

    private void CreateLedgerWithRuns(int runs)
    {
        using var store = LiteDbLedgerStore.Open(DbPath);
        store.Append(SampleRuns.Draft(), Enumerable.Range(1, runs).Select(seed => SampleRuns.Run("r" + seed, seed)).ToList());
    }

    /// <summary>Opens and reads everything, so damage shows wherever in the file it is.</summary>
    private void OpenAndReadAll()
    {
        using var store = LiteDbLedgerStore.Open(DbPath);
        var snapshots = store.GetSnapshots();
        store.GetRuns(snapshots.SelectMany(s => s.Recipes.Values.SelectMany(d => d)).ToList());
        LedgerDump.Of(DbPath);
    }

    private void Edit(Action<LiteDatabase> change)
    {
        using var db = new LiteDatabase(new ConnectionString { Filename = DbPath, Connection = ConnectionType.Shared });
        change(db);
    }

    [Fact]
    public void A_ledger_from_a_newer_schema_is_refused_with_LEDGER403_and_left_untouched()
    {
        CreateLedgerWithRuns(1);
        Edit(db => db.GetCollection("meta").Update(new BsonDocument { ["_id"] = "schema", ["version"] = 6 }));
        var before = File.ReadAllBytes(DbPath);

        var error = AssertUnavailable(ErrorCodes.LedgerNewerSchema, () => LiteDbLedgerStore.Open(DbPath));

        Assert.Contains("schema version 6", error.Message);
        Assert.Contains("Update the ledger tool", error.Message);
        Assert.Equal(before, File.ReadAllBytes(DbPath));
    }

    [Fact]
    public void A_text_file_is_damaged()
    {
        File.WriteAllText(DbPath, "compute,reward\n0,0.1\n" + new string('x', 20000));

        AssertUnavailable(ErrorCodes.LedgerDamaged, () => LiteDbLedgerStore.Open(DbPath));
    }

    [Fact]
    public void Whole_pages_of_garbage_are_damaged_and_left_untouched()
    {
        var garbage = new byte[3 * 8192];
        new Random(7).NextBytes(garbage);
        File.WriteAllBytes(DbPath, garbage);

        AssertUnavailable(ErrorCodes.LedgerDamaged, () => LiteDbLedgerStore.Open(DbPath));

        Assert.Equal(garbage, File.ReadAllBytes(DbPath));
    }

    [Fact]
    public void A_file_shorter_than_one_page_is_damaged_rather_than_silently_reinitialised()
    {
        CreateLedgerWithRuns(1);
        var bytes = File.ReadAllBytes(DbPath);
        File.WriteAllBytes(DbPath, bytes[..100]);

        AssertUnavailable(ErrorCodes.LedgerDamaged, () => LiteDbLedgerStore.Open(DbPath));

        Assert.Equal(100, new FileInfo(DbPath).Length);
    }

    [Fact]
    public void A_file_truncated_mid_page_is_damaged()
    {
        CreateLedgerWithRuns(200);
        var bytes = File.ReadAllBytes(DbPath);
        File.WriteAllBytes(DbPath, bytes[..(bytes.Length / 2 + 100)]);

        AssertUnavailable(ErrorCodes.LedgerDamaged, OpenAndReadAll);
    }

    [Fact]
    public void A_file_truncated_at_a_page_boundary_is_damaged_when_read()
    {
        CreateLedgerWithRuns(200);
        var bytes = File.ReadAllBytes(DbPath);
        Assert.True(bytes.Length >= 4 * 8192, $"the ledger should span several pages, not {bytes.Length} bytes");
        File.WriteAllBytes(DbPath, bytes[..(bytes.Length / 8192 / 2 * 8192)]);

        AssertUnavailable(ErrorCodes.LedgerDamaged, OpenAndReadAll);
    }

    [Fact]
    public void A_LiteDB_file_of_another_application_is_damaged()
    {
        Edit(db => db.GetCollection("customers").Insert(new BsonDocument { ["name"] = "Ada" }));

        AssertUnavailable(ErrorCodes.LedgerDamaged, () => LiteDbLedgerStore.Open(DbPath));
    }

    [Fact]
    public void A_LiteDB_file_with_the_ledgers_collation_but_no_schema_version_is_damaged()
    {
        using (var db = new LiteDatabase(new ConnectionString { Filename = DbPath, Collation = Collation.Binary }))
            db.GetCollection("runs").Insert(new BsonDocument { ["recipe"] = "a" });

        var error = AssertUnavailable(ErrorCodes.LedgerDamaged, () => LiteDbLedgerStore.Open(DbPath));

        Assert.Contains("without a Ledger schema version", error.Message);
    }

    [Fact]
    public void An_empty_file_becomes_a_new_ledger()
    {
        File.WriteAllBytes(DbPath, []);

        using var store = LiteDbLedgerStore.Open(DbPath);

        Assert.Empty(store.GetSnapshots());
    }

    [Fact]
    public void A_folder_path_cannot_be_opened()
    {
        var error = AssertUnavailable(ErrorCodes.LedgerCannotOpen, () => LiteDbLedgerStore.Open(_folder.Path));

        Assert.Contains("folder", error.Message);
    }

    [Fact]
    public void A_path_in_a_missing_folder_cannot_be_opened()
    {
        var error = AssertUnavailable(ErrorCodes.LedgerCannotOpen, () => LiteDbLedgerStore.Open(_folder.File("missing/ledger.db")));

        Assert.Contains("does not exist", error.Message);
        Assert.Contains("--db", error.Message);
    }

    [Fact]
    public void A_lock_held_past_the_timeout_is_LEDGER404_for_open_and_for_calls()
    {
        CreateLedgerWithRuns(1);
        using var store = LiteDbLedgerStore.Open(DbPath, TimeSpan.FromMilliseconds(200));
        using (new HeldLedgerLock(DbPath))
        {
            var error = AssertUnavailable(ErrorCodes.LedgerLocked, () => store.GetSnapshots());
            AssertUnavailable(ErrorCodes.LedgerLocked, () => LiteDbLedgerStore.Open(DbPath, TimeSpan.FromMilliseconds(100)));

            Assert.Contains("0.2 s", error.Message);
        }
        Assert.Single(store.GetSnapshots());
    }

    [Fact]
    public void Reads_side_by_side_hold_the_lock_throughout_so_another_store_waits_for_all_of_them()
    {
        CreateLedgerWithRuns(1);
        using var store = LiteDbLedgerStore.Open(DbPath);
        using var other = LiteDbLedgerStore.Open(DbPath, TimeSpan.FromMilliseconds(100));

        var seen = store.ReadTogether(() =>
        {
            var first = OnThreadOfItsOwn(() => store.GetSnapshots());
            // Between two of the reads, on a thread of its own as another process would be: the file is still held.
            var refused = OnThreadOfItsOwn(() => Record.Exception(() => other.GetSnapshots()));
            Assert.Equal(ErrorCodes.LedgerLocked, Assert.IsType<LedgerUnavailableException>(refused).Code);
            return first.Concat(OnThreadOfItsOwn(() => store.GetSnapshots())).ToList();
        });

        Assert.Equal(2, seen.Count);
        Assert.Single(other.GetSnapshots());
    }

    [Fact]
    public void Reads_side_by_side_asked_for_again_on_another_thread_run_within_the_hold_already_taken()
    {
        CreateLedgerWithRuns(1);
        using var store = LiteDbLedgerStore.Open(DbPath, TimeSpan.FromSeconds(5));
        var count = -1;
        Exception? failure = null;

        var finished = store.ReadTogether(() =>
        {
            // The lock is this thread's: another thread waiting for it would wait until the hold ended, which waits for it.
            var nested = new Thread(() => failure = Record.Exception(() => count = store.ReadTogether(() => store.GetSnapshots().Count))) { IsBackground = true };
            nested.Start();
            return nested.Join(TimeSpan.FromSeconds(30));
        });

        Assert.True(finished);
        Assert.Null(failure);
        Assert.Equal(1, count);
    }

    /// <summary>Not a task, which a wait may run on the waiting thread: the lock is the thread's.</summary>
    private static T OnThreadOfItsOwn<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() => failure = Record.Exception(() => result = work()));
        thread.Start();
        thread.Join();
        if (failure is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return result;
    }
}
