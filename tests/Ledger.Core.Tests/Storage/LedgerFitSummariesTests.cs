using System.Text;
using Ledger.Core.Diagnostics;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;
using Ledger.Core.Tests.Support;
using LiteDB;

namespace Ledger.Core.Tests.Storage;

/// <summary>
/// The summaries a ledger file keeps beside its fits (schema version 4): a snapshot fitted before them, as in the
/// example ledger of then (<see cref="TestData.ExampleLedgerOfSchema1"/>), is read from its fit documents and gains
/// none, a snapshot fitted since is read from them, and summaries that disagree with their fits are damage
/// `ledger verify` lists.
/// </summary>
public sealed class LedgerFitSummariesTests : IDisposable
{
    private static readonly FitOrigin Origin = new("sigmoid4", "options-1", "fitter-1");
    private readonly TempFolder _folder = new();
    private string DbPath => _folder.File("ledger.db");

    public void Dispose() => _folder.Dispose();

    /// <summary>Every recipe of every snapshot, to read.</summary>
    private static List<SnapshotRecipe> Everything(ILedgerStore store) =>
        [.. store.GetSnapshots().SelectMany(s => s.Recipes.Keys.Select(r => new SnapshotRecipe(s.Id, r)))];

    /// <summary>
    /// What the summaries read must be, worked out from the raw fit documents of the file (not through the store, whose
    /// reads of current fits go through the summaries): the latest fit of each wanted recipe and model, each of the
    /// origin with its payload's summary, as comparable text.
    /// </summary>
    private List<string> FromFitDocuments(IReadOnlyCollection<SnapshotRecipe> wanted, FitOrigin origin)
    {
        using var reader = LiteDbLedgerStore.OpenReadOnly(DbPath);
        var fits = reader.ReadAllDocuments().Single(c => c.Collection == "fits").Documents;
        var wantedSet = wanted.ToHashSet();
        return [.. fits
            .Where(doc => wantedSet.Contains(new SnapshotRecipe(doc["snapshotId"].AsInt64, doc["recipe"].AsString)))
            .GroupBy(doc => (Snapshot: doc["snapshotId"].AsInt64, Recipe: doc["recipe"].AsString, Model: doc["model"].AsString))
            .Select(group => group.MaxBy(doc => doc["_id"].AsInt64)!)
            .Select(doc => (Snapshot: doc["snapshotId"].AsInt64, Payload: doc["payloadJson"].AsString, Identity: new FitIdentity(doc["_id"].AsInt64,
                doc["recipe"].AsString, doc["model"].AsString, doc["optionsDigest"].AsString, doc["fitterVersion"].AsString, doc["inputDigest"].AsString)))
            .OrderBy(f => f.Snapshot).ThenBy(f => f.Identity.Recipe, StringComparer.Ordinal).ThenBy(f => f.Identity.Model, StringComparer.Ordinal)
            .Select(f => $"{f.Snapshot} {f.Identity} {(origin.Made(f.Identity) ? Encoding.UTF8.GetString(FitSummaryText.Of(f.Payload)) : "-")}")];
    }

    /// <summary>
    /// The summaries read, as comparable text; the store's other reads of current fits, which go the same way, must
    /// give the same fits: the identities alone, and the fits whole.
    /// </summary>
    private static List<string> Summaries(ILedgerStore store, IReadOnlyCollection<SnapshotRecipe> wanted, FitOrigin origin)
    {
        var read = store.GetFitIdentitiesWithSummaries(wanted, origin);
        Assert.Equal(read.OrderBy(e => e.Key).Select(e => (e.Key, e.Value.Select(f => f.Identity).ToList())),
            store.GetFitIdentities(wanted).OrderBy(e => e.Key).Select(e => (e.Key, e.Value.ToList())));
        Assert.Equal(read.OrderBy(e => e.Key).Select(e => (e.Key, e.Value.Select(f => (f.Identity.Recipe, f.Identity.Model, f.Identity.InputDigest)).ToList())),
            store.GetFits(wanted).OrderBy(e => e.Key).Select(e => (e.Key, e.Value.Select(f => (f.Recipe, f.Model, f.InputDigest)).ToList())));
        return [.. read.OrderBy(e => e.Key).SelectMany(e => e.Value.Select(f => $"{e.Key} {f.Identity} {(f.Summary is { } s ? Encoding.UTF8.GetString(s.Span) : "-")}"))];
    }

    [Fact]
    public void The_example_ledger_fitted_before_summaries_is_read_from_its_fits_and_only_a_snapshot_fitted_since_gains_them()
    {
        File.Copy(TestData.ExampleLedgerOfSchema1, DbPath);
        using var store = LiteDbLedgerStore.Open(DbPath);
        var example = store.GetFits(store.GetSnapshots()[0].Id)[0];
        var origin = new FitOrigin(example.Model, example.OptionsDigest, example.FitterVersion);
        var wanted = Everything(store);
        Assert.Contains(FromFitDocuments(wanted, origin), line => !line.EndsWith(" -", StringComparison.Ordinal));
        Assert.Equal(FromFitDocuments(wanted, origin), Summaries(store, wanted, origin));

        // A snapshot fitted before summaries: a new fit on it is recorded without one, and read from the fit documents.
        var fitted = store.GetSnapshots()[^1];
        Assert.Equal(1, store.RecordFits(fitted.Id, [example with { Recipe = fitted.Recipes.Keys.First(), InputDigest = "refit" }]));
        Assert.DoesNotContain("\"summary\"", LedgerDump.Of(DbPath));
        Assert.Equal(FromFitDocuments(wanted, origin), Summaries(store, wanted, origin));

        var added = store.Append(SampleRuns.Draft("c0ffee9"), [SampleRuns.Run("a"), SampleRuns.Run("b")]).Snapshot;
        store.RecordFits(added.Id, [example with { Recipe = "a", InputDigest = "a-1" }, example with { Recipe = "b", InputDigest = "b-1" }]);

        var dump = LedgerDump.Of(DbPath);
        Assert.Contains("""{"_id":"schema","version":4}""", dump);
        Assert.Contains("# fitSummaries 1\n", dump);
        wanted = Everything(store);
        Assert.Equal(FromFitDocuments(wanted, origin), Summaries(store, wanted, origin));
        Assert.Empty(store.FindDamage());
    }

    [Fact]
    public void An_import_summarises_each_call_s_fits_so_the_imported_ledger_is_read_from_summaries()
    {
        var exported = new List<LedgerRecord>();
        using (var source = LiteDbLedgerStore.OpenReadOnly(Path.Combine(TestData.Repository, "ledger.db.example")))
            source.ReadAll(exported.Add);
        // Two calls' fits on one snapshot: the example's first snapshot fitted again with other inputs, after everything else.
        var first = ((SnapshotEntry)exported.First(r => r is SnapshotEntry)).Snapshot.Id;
        var refits = exported.OfType<FitEntry>().Where(f => f.SnapshotId == first).Select(f => f with { Fit = f.Fit with { InputDigest = "again" } }).ToList();
        var verdictsAt = exported.FindIndex(r => r is VerdictEntry);
        exported.InsertRange(verdictsAt, refits);

        using var store = LiteDbLedgerStore.Open(DbPath);
        store.Import(exported);

        var dump = LedgerDump.Of(DbPath);
        var snapshots = store.GetSnapshots().Count(s => store.GetFits(s.Id).Count > 0);
        Assert.Contains($"# fitSummaries {snapshots + 1}\n", dump);
        var example = store.GetFits(first)[0];
        var origin = new FitOrigin(example.Model, example.OptionsDigest, example.FitterVersion);
        var wanted = Everything(store);
        Assert.Equal(FromFitDocuments(wanted, origin), Summaries(store, wanted, origin));
        Assert.All(store.GetFitIdentitiesWithSummaries(wanted, origin)[first], f => Assert.Equal("again", f.Identity.InputDigest));
        Assert.Empty(store.FindDamage());
    }

    [Fact]
    public void A_snapshots_fits_recorded_over_several_calls_and_many_to_a_call_are_read_from_their_summaries_as_from_the_fits()
    {
        using var store = LiteDbLedgerStore.Open(DbPath);
        var recipes = Enumerable.Range(0, 2_500).Select(i => $"r{i:0000}").ToList();
        var id = store.Append(SampleRuns.Draft("c1"), [.. recipes.Select(r => SampleRuns.Run(r))]).Snapshot.Id;
        store.RecordFits(id, [.. recipes.Select(r => Fit(r, "first"))]);
        // The second call supersedes some fits with other inputs, and some with other options.
        store.RecordFits(id, [.. recipes.Where((_, i) => i % 3 == 0).Select(r => Fit(r, "second")),
            .. recipes.Where((_, i) => i % 3 == 1).Select(r => Fit(r, "third") with { OptionsDigest = "options-2" })]);

        // 2,500 summaries in three documents, then 1,667 in two.
        Assert.Contains("# fitSummaries 5\n", LedgerDump.Of(DbPath));
        var wanted = recipes.Where((_, i) => i % 2 == 0).Select(r => new SnapshotRecipe(id, r)).ToList();
        var read = Summaries(store, wanted, Origin);
        Assert.Equal(FromFitDocuments(wanted, Origin), read);
        Assert.Equal(1_250, read.Count);
        Assert.Contains(read, line => line.Contains("\"inputDigest\":\"r0000-second\"", StringComparison.Ordinal));
        Assert.Contains(read, line => line.Contains("r0004-third", StringComparison.Ordinal) && line.EndsWith(" -", StringComparison.Ordinal));
        Assert.Empty(store.FindDamage());
    }

    [Fact]
    public void Summaries_are_what_is_read_and_summaries_changed_on_disk_to_disagree_with_their_fits_are_damage_verify_lists()
    {
        var id = LedgerWithTwoFits();
        Change("fitSummaries", document =>
        {
            var entries = FitSummaryDocuments.Read(document).Entries;
            document["fits"] = FitSummaryEncoding.Encode([entries[0], (entries[1].Identity, """{"recipe":"b","inputDigest":"changed"}"""u8.ToArray())]);
        });

        using var reader = LiteDbLedgerStore.OpenReadOnly(DbPath);
        var read = reader.GetFitIdentitiesWithSummaries([new SnapshotRecipe(id, "a"), new SnapshotRecipe(id, "b")], Origin)[id];
        Assert.Equal("""{"recipe":"b","inputDigest":"changed"}""", Encoding.UTF8.GetString(read.Single(f => f.Identity.Recipe == "b").Summary!.Value.Span));
        var damage = Assert.Single(reader.FindDamage());
        Assert.Equal("fitSummaries 1", damage.Record);
        Assert.Contains($"its summary of fit 2 is not that fit's of snapshot {id}", damage.Problem);
    }

    [Fact]
    public void Summaries_cut_short_on_disk_are_damage_verify_lists_and_refused_by_the_read_that_meets_them()
    {
        var id = LedgerWithTwoFits();
        Change("fitSummaries", document => document["fits"] = document["fits"].AsBinary[..^10]);

        using var reader = LiteDbLedgerStore.OpenReadOnly(DbPath);
        Assert.Equal("fitSummaries 1", Assert.Single(reader.FindDamage()).Record);
        var error = Assert.Throws<LedgerUnavailableException>(() => reader.GetFitIdentitiesWithSummaries([new SnapshotRecipe(id, "a")], Origin));
        Assert.Equal(ErrorCodes.LedgerDamaged, error.Code);
    }

    [Theory]
    [InlineData("payloadJson")]
    [InlineData("fitterVersion")]
    public void A_fit_changed_on_disk_without_its_summary_is_damage_verify_lists(string field)
    {
        LedgerWithTwoFits();
        Change("fits", document => document[field] = field == "payloadJson" ? """{"recipe":"a","inputDigest":"changed"}""" : "ledger-fit/0");

        using var reader = LiteDbLedgerStore.OpenReadOnly(DbPath);
        var damage = Assert.Single(reader.FindDamage());
        Assert.Equal("fitSummaries 1", damage.Record);
        Assert.Contains("its summary of fit 1 is not that fit's", damage.Problem);
    }

    [Fact]
    public void A_fit_whose_identity_was_changed_on_disk_is_refused_by_a_read_of_whole_fits_not_read_in_its_place()
    {
        var id = LedgerWithTwoFits();
        Change("fits", document => document["inputDigest"] = "changed");

        using var reader = LiteDbLedgerStore.OpenReadOnly(DbPath);
        Assert.Equal("b-one", reader.GetFits([new SnapshotRecipe(id, "b")])[id].Single().InputDigest);
        var error = Assert.Throws<LedgerUnavailableException>(() => reader.GetFits([new SnapshotRecipe(id, "a"), new SnapshotRecipe(id, "b")]));
        Assert.Equal(ErrorCodes.LedgerDamaged, error.Code);
        // The message names the damaged record, as a scan of the file finds it.
        Assert.Contains($"its summary of fit 1 is not that fit's of snapshot {id}", error.Message);
    }

    /// <summary>A ledger of one snapshot with fits of recipes a and b (fit records 1 and 2, summaries document 1); its id.</summary>
    private long LedgerWithTwoFits()
    {
        using var store = LiteDbLedgerStore.Open(DbPath);
        var id = store.Append(SampleRuns.Draft("c1"), [SampleRuns.Run("a"), SampleRuns.Run("b")]).Snapshot.Id;
        store.RecordFits(id, [Fit("a", "one"), Fit("b", "one")]);
        return id;
    }

    /// <summary>Changes the first document of a collection in the file, as a hand edit or a damaged disk would.</summary>
    private void Change(string collection, Action<BsonDocument> change)
    {
        using var db = new LiteDatabase(new ConnectionString { Filename = DbPath, Connection = ConnectionType.Shared });
        var documents = db.GetCollection(collection);
        var document = documents.FindById(1L);
        change(document);
        documents.Update(document);
    }

    private static StoredFit Fit(string recipe, string input) =>
        SampleRuns.Fit(recipe, $"{recipe}-{input}") with { PayloadJson = $$"""{"recipe":"{{recipe}}","inputDigest":"{{recipe}}-{{input}}","bulk":[1,2,3]}""" };
}
