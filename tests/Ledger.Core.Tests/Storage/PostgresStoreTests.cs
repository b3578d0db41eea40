using System.Diagnostics;
using Ledger.Core.Diagnostics;
using Ledger.Core.Storage;
using Ledger.Core.Storage.Postgres;
using Npgsql;

namespace Ledger.Core.Tests.Storage;

/// <summary>
/// What a server ledger guarantees in its own terms, beyond the store contract: its schema and migrations, tables that
/// refuse changes, the lock timeout, a server that cannot be used, and passwords that never reach a message.
/// </summary>
public sealed class PostgresStoreTests : IDisposable
{
    private readonly TestDatabase _database = PostgresServer.CreateDatabase();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void A_writer_makes_the_ledger_s_tables_in_an_empty_database_and_a_reader_or_fitter_refuses_one()
    {
        foreach (var access in new[] { LedgerAccess.ReadOnly, LedgerAccess.Existing })
        {
            var refused = Assert.Throws<LedgerUnavailableException>(() => LedgerStores.Open(_database.Location, access));
            Assert.Equal(ErrorCodes.LedgerCannotOpen, refused.Code);
            Assert.Contains("holds no ledger yet", refused.Message, StringComparison.Ordinal);
        }
        Assert.Null(LedgerStores.OpenIfExists(_database.Location));
        Assert.Equal(0L, Scalar<long>("SELECT count(*) FROM pg_namespace WHERE nspname = 'ledger'"));

        using (var store = LedgerStores.Open(_database.Location, LedgerAccess.CreateOnWrite))
            Assert.Empty(store.GetSnapshots());

        Assert.Equal(PostgresMigrations.Latest, Scalar<int>("SELECT max(version) FROM ledger.schema_versions"));
        Assert.Equal((PostgresMigrations.Latest, PostgresMigrations.Latest), LedgerStores.Upgrade(_database.Location));
    }

    [Fact]
    public void A_schema_newer_than_this_Ledger_s_is_refused_by_every_access_and_left_as_it_is()
    {
        LedgerStores.Upgrade(_database.Location);
        _database.Execute($"INSERT INTO ledger.schema_versions (version, name) VALUES ({PostgresMigrations.Latest + 1}, 'from a newer Ledger')");

        foreach (var access in Enum.GetValues<LedgerAccess>())
            Assert.Equal(ErrorCodes.LedgerNewerSchema, Assert.Throws<LedgerUnavailableException>(() => LedgerStores.Open(_database.Location, access)).Code);
        Assert.Equal(ErrorCodes.LedgerNewerSchema, Assert.Throws<LedgerUnavailableException>(() => LedgerStores.Upgrade(_database.Location)).Code);
        Assert.Equal(PostgresMigrations.Latest + 1L, Scalar<long>("SELECT count(*) FROM ledger.schema_versions"));
    }

    [Fact]
    public void A_schema_older_than_this_Ledger_s_is_LEDGER406_naming_ledger_db_upgrade_which_brings_it_up_to_date()
    {
        // A ledger schema whose migrations were never applied: the version table there, empty.
        _database.Execute("CREATE SCHEMA ledger; CREATE TABLE ledger.schema_versions (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");

        var refused = Assert.Throws<LedgerUnavailableException>(() => LedgerStores.Open(_database.Location, LedgerAccess.CreateOnWrite));
        Assert.Equal(ErrorCodes.LedgerOlderSchema, refused.Code);
        Assert.Contains("ledger db upgrade", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0L, Scalar<long>("SELECT count(*) FROM ledger.schema_versions"));

        Assert.Equal((0, PostgresMigrations.Latest), LedgerStores.Upgrade(_database.Location));
        using var store = LedgerStores.Open(_database.Location, LedgerAccess.Existing);
        Assert.Equal(1, store.Append(new SnapshotDraft("c1", "main", SampleRuns.Time), [SampleRuns.Run()]).NewRuns);
    }

    [Fact]
    public void A_ledger_of_schema_1_keeps_its_gates_Markdown_through_the_upgrade_and_new_gates_keep_their_documents()
    {
        // The ledger as the first server schema left it: a snapshot and the Markdown its gate printed.
        var first = PostgresMigrations.All[0];
        _database.Execute(first.Sql);
        _database.Execute($"INSERT INTO ledger.schema_versions (version, name) VALUES (1, '{first.Name}'); " +
                          "INSERT INTO ledger.snapshots (id, commit, branch, utc_ticks, offset_minutes) VALUES (1, 'c1', 'main', 0, 0); " +
                          "INSERT INTO ledger.gate_summaries (snapshot_id, markdown) VALUES (1, '### Ledger gate: kept')");
        Assert.Equal(ErrorCodes.LedgerOlderSchema, Assert.Throws<LedgerUnavailableException>(() => LedgerStores.Open(_database.Location, LedgerAccess.Existing)).Code);

        Assert.Equal((1, PostgresMigrations.Latest), LedgerStores.Upgrade(_database.Location));

        using var store = LedgerStores.Open(_database.Location, LedgerAccess.Existing);
        Assert.Equal(GateSummary.OfMarkdown(1, "### Ledger gate: kept"), store.GetGateSummaries([1])[1]);
        store.RecordVerdicts([], SampleGates.Document(1, "c1"));
        Assert.Equal(SampleGates.Document(1, "c1"), store.GetGateSummaries([1])[1]);
        Assert.Empty(store.FindDamage());
        // A row holds one form or the other, never both or neither.
        foreach (var both in new[] { "'{}', 'md'", "NULL, NULL" })
            Assert.Throws<PostgresException>(() => _database.Execute($"INSERT INTO ledger.gate_summaries (snapshot_id, document, markdown) VALUES (1, {both})"));
    }

    [Fact]
    public void A_gate_document_changed_in_the_database_is_listed_by_verify()
    {
        using (var store = LedgerStores.Open(_database.Location, LedgerAccess.CreateOnWrite))
        {
            var id = store.Append(new SnapshotDraft("c1", "main", SampleRuns.Time), [SampleRuns.Run()]).Snapshot.Id;
            store.RecordVerdicts([], SampleGates.Document(id, "c1"));
        }
        _database.Execute("SET session_replication_role = replica; UPDATE ledger.gate_summaries SET document = left(document, 30)");

        using var reader = LedgerStores.Open(_database.Location, LedgerAccess.ReadOnly);
        var damage = Assert.Single(reader.FindDamage());

        Assert.StartsWith("gate_summaries ", damage.Record, StringComparison.Ordinal);
        Assert.Contains("its gate document cannot be read", damage.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Machines_that_make_the_ledger_at_once_apply_each_migration_once()
    {
        var opened = Enumerable.Range(0, 6).AsParallel().WithDegreeOfParallelism(6)
            .Select(_ => LedgerStores.Open(_database.Location, LedgerAccess.CreateOnWrite))
            .ToList();
        opened.ForEach(store => store.Dispose());

        Assert.Equal((long)PostgresMigrations.Latest, Scalar<long>("SELECT count(*) FROM ledger.schema_versions"));
    }

    [Theory]
    [InlineData("UPDATE ledger.runs SET recipe = 'changed'")]
    [InlineData("DELETE FROM ledger.snapshots")]
    [InlineData("TRUNCATE ledger.fits CASCADE")]
    [InlineData("UPDATE ledger.snapshot_runs SET recipe = 'x'")]
    public void The_tables_are_append_only_even_to_the_ledger_s_own_user(string change)
    {
        using (var store = LedgerStores.Open(_database.Location, LedgerAccess.CreateOnWrite))
            store.RecordFits(store.Append(new SnapshotDraft("c1", "main", SampleRuns.Time), [SampleRuns.Run()]).Snapshot.Id, [SampleRuns.Fit()]);

        var refused = Assert.Throws<PostgresException>(() => _database.Execute(change));

        Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        using var reader = LedgerStores.Open(_database.Location, LedgerAccess.ReadOnly);
        Assert.Single(reader.GetFits(1));
        Assert.Equal("grpo-b512", Assert.Single(reader.GetSnapshots()).Recipes.Keys.Single());
    }

    [Fact]
    public void A_run_changed_in_the_database_behind_Ledger_s_back_is_listed_by_verify_and_refused_by_the_reads_that_meet_it()
    {
        string truncated, altered;
        using (var store = LedgerStores.Open(_database.Location, LedgerAccess.CreateOnWrite))
        {
            var runs = new[] { SampleRuns.Run("a"), SampleRuns.Run("b") };
            store.Append(new SnapshotDraft("c1", "main", SampleRuns.Time), runs);
            (truncated, altered) = (RunDigest.Compute(runs[0]), RunDigest.Compute(runs[1]));
        }
        // Only with triggers off (replication mode) can even the superuser change a row.
        _database.Execute("SET session_replication_role = replica; " +
                          $"UPDATE ledger.runs SET points = substring(points from 1 for 9) WHERE digest = '{truncated}'; " +
                          $"UPDATE ledger.runs SET points = set_byte(points, 29, get_byte(points, 29) # 1) WHERE digest = '{altered}'");

        using var reader = LedgerStores.Open(_database.Location, LedgerAccess.ReadOnly);
        var damage = reader.FindDamage();

        Assert.Equal(new[] { truncated, altered }.Select(digest => $"runs {digest}").Order(StringComparer.Ordinal), damage.Select(d => d.Record).Order(StringComparer.Ordinal));
        Assert.Contains(damage, d => d.Record == $"runs {altered}" && d.Problem.Contains("no longer match its digest", StringComparison.Ordinal));
        var refused = Assert.Throws<LedgerUnavailableException>(() => reader.GetRuns([truncated]));
        Assert.Equal(ErrorCodes.LedgerDamaged, refused.Code);
    }

    [Fact]
    public void A_snapshot_another_machine_keeps_locked_past_the_lock_timeout_is_LEDGER404_and_nothing_is_written()
    {
        long id;
        using (var store = LedgerStores.Open(_database.Location, LedgerAccess.CreateOnWrite))
            id = store.Append(new SnapshotDraft("c1", "main", SampleRuns.Time), [SampleRuns.Run()]).Snapshot.Id;
        using var other = PostgresServer.Connect(_database.Name);
        using var holding = other.BeginTransaction();
        using (var lockIt = new NpgsqlCommand($"SELECT id FROM ledger.snapshots WHERE id = {id} FOR UPDATE", other, holding))
            lockIt.ExecuteNonQuery();

        using var waiting = LedgerStores.Open(_database.Location, LedgerAccess.Existing, TimeSpan.FromSeconds(0.5));
        var clock = Stopwatch.StartNew();
        var refused = Assert.Throws<LedgerUnavailableException>(() => waiting.RecordFits(id, [SampleRuns.Fit()]));

        Assert.Equal(ErrorCodes.LedgerLocked, refused.Code);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.4, 10);
        holding.Rollback();
        Assert.Empty(waiting.GetFits(id));
    }

    [Fact]
    public void A_server_that_cannot_be_reached_or_refuses_the_login_is_LEDGER401_and_the_password_is_never_shown()
    {
        var password = PostgresServer.Password;
        var server = PostgresServer.Server;
        var wrongPassword = LedgerLocation.Parse(
            _database.Address.Replace(":" + password + "@", ":not-" + password + "@", StringComparison.Ordinal), SourceLocation.WholeFile("--db"));
        var noServer = LedgerLocation.Parse($"postgresql://ledger_test:{password}@127.0.0.1:{FreePort()}/{_database.Name}?connect_timeout=3",
            SourceLocation.WholeFile("--db"));

        foreach (var location in new[] { wrongPassword, noServer })
        {
            var refused = Assert.Throws<LedgerUnavailableException>(() => LedgerStores.Open(location, LedgerAccess.CreateOnWrite));
            Assert.Equal(ErrorCodes.LedgerCannotOpen, refused.Code);
            Assert.DoesNotContain(password, refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(password, refused.ToString(), StringComparison.Ordinal);
            Assert.StartsWith(location.Display, refused.Message, StringComparison.Ordinal);
        }
        Assert.Contains("password authentication failed", Assert.Throws<LedgerUnavailableException>(() => LedgerStores.Open(wrongPassword, LedgerAccess.ReadOnly)).Message,
            StringComparison.Ordinal);
        Assert.Equal(server.Host, wrongPassword.Server!.Host);
    }

    [Fact]
    public void A_server_that_never_answers_times_out_once_and_is_not_tried_again()
    {
        // A connect timeout is tried again only when it came before half its time: a clock step, not a silent server.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        var location = LedgerLocation.Parse($"postgresql://ledger_test:{PostgresServer.Password}@127.0.0.1:{port}/{_database.Name}?connect_timeout=1",
            SourceLocation.WholeFile("--db"));
        var clock = Stopwatch.StartNew();

        var refused = Assert.Throws<LedgerUnavailableException>(() => LedgerStores.Open(location, LedgerAccess.ReadOnly));

        Assert.Equal(ErrorCodes.LedgerCannotOpen, refused.Code);
        Assert.Contains("no answer within the connect timeout of 1 s", refused.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 10);
        var accepted = 0;
        while (silent.Pending())
        {
            silent.AcceptSocket().Dispose();
            accepted++;
        }
        Assert.Equal(1, accepted);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private T Scalar<T>(string sql)
    {
        using var connection = PostgresServer.Connect(_database.Name);
        using var command = new NpgsqlCommand(sql, connection);
        return (T)command.ExecuteScalar()!;
    }
}
