using Ledger.Core.Gating;
using System.Security.Cryptography;
using System.Text;
using Ledger.Core.Diagnostics;
using Ledger.Core.Ingest;
using Ledger.Core.Storage;
using Ledger.Core.Storage.Export;

namespace Ledger.Core.Tests.Storage.Contract;

/// <summary>
/// What every ledger store guarantees, stated once: each implementation derives from this class and says how to open
/// its ledger (<see cref="CreateStore"/>), and every test here runs against it. A store that passes these behaves, to the
/// verbs, exactly like any other.
/// </summary>
public abstract class LedgerStoreContract : IDisposable
{
    /// <summary>Opens this test's ledger (the same one on every call), as a verb would for <paramref name="access"/>.</summary>
    protected abstract ILedgerStore CreateStore(LedgerAccess access = LedgerAccess.CreateOnWrite);

    /// <summary>Opens a second ledger of the same kind, empty, for tests that move records between two.</summary>
    protected abstract ILedgerStore CreateOtherStore();

    public abstract void Dispose();

    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 30, 15, TimeSpan.FromHours(1));

    private static SnapshotDraft Draft(string commit, string branch = "main", DateTimeOffset? time = null) => new(commit, branch, time ?? Monday, ["ci"]);

    [Fact]
    public void Runs_are_content_addressed_so_the_same_content_is_stored_once_with_its_first_path_and_read_back_whole()
    {
        using var store = CreateStore();
        var first = store.Append(Draft("c1"), [SampleRuns.Run("a", 1), SampleRuns.Run("a", 2), SampleRuns.Run("a", 1)]);
        var again = store.Append(Draft("c2"), [SampleRuns.Run("a", 1, path: "elsewhere/seed1.csv", runName: "renamed")]);

        Assert.Equal((2, 1), (first.NewRuns, first.ExistingRuns));
        Assert.Equal((0, 1), (again.NewRuns, again.ExistingRuns));
        var digest = RunDigest.Compute(SampleRuns.Run("a", 1));
        var stored = Assert.Single(store.GetRuns([digest]));
        Assert.Equal(("runs/grpo-b512/seed1.csv", "seed1", "c1", Monday), (stored.SourcePath, stored.RunName, stored.FirstSeenCommit, stored.FirstSeenTime));
        Assert.Equal(Monday.Offset, stored.FirstSeenTime.Offset);
        Assert.Equal(["ci"], stored.Tags);
        Assert.Equal(SampleRuns.Points(1), stored.Points);
        Assert.Equal(ComputeMapping.FromColumn("compute"), stored.ComputeMapping);
        Assert.Equal(digest, RunDigest.Compute(stored));
    }

    [Fact]
    public void A_commit_s_appends_grow_one_snapshot_that_keeps_its_first_time_and_each_run_in_the_order_it_joined()
    {
        using var store = CreateStore();
        var (a1, a2, b1) = (SampleRuns.Run("a", 1), SampleRuns.Run("a", 2), SampleRuns.Run("b", 1));
        var first = store.Append(Draft("c1"), [b1, a2]);
        var second = store.Append(Draft("c1", time: Monday.AddHours(3)), [a1, a2]);

        Assert.Equal(first.Snapshot.Id, second.Snapshot.Id);
        Assert.Equal(Monday, second.Snapshot.Time);
        Assert.Equal(["a", "b"], second.Snapshot.Recipes.Keys);
        Assert.Equal([RunDigest.Compute(a2), RunDigest.Compute(a1)], second.Snapshot.Recipes["a"]);
        var read = Assert.Single(store.GetSnapshots());
        Assert.Equal(second.Snapshot.Recipes.Select(r => (r.Key, string.Join(",", r.Value))), read.Recipes.Select(r => (r.Key, string.Join(",", r.Value))));
    }

    [Fact]
    public void Snapshot_ids_count_1_2_3_in_the_order_of_first_append_and_the_filters_pick_by_branch_and_commit()
    {
        using var store = CreateStore();
        store.Append(Draft("c1"), [SampleRuns.Run("a")]);
        store.Append(Draft("f1", "feature"), [SampleRuns.Run("a")]);
        store.Append(Draft("c2"), [SampleRuns.Run("a")]);
        store.Append(Draft("c1"), [SampleRuns.Run("b")]);

        Assert.Equal([(1L, "c1", "main"), (2L, "f1", "feature"), (3L, "c2", "main")], store.GetSnapshots().Select(s => (s.Id, s.Commit, s.Branch)));
        Assert.Equal([1L, 3L], store.GetSnapshots(branch: "main").Select(s => s.Id));
        Assert.Equal([2L], store.GetSnapshots(commit: "f1").Select(s => s.Id));
        Assert.Empty(store.GetSnapshots(branch: "Main"));
        Assert.Empty(store.GetSnapshots(branch: "feature", commit: "c1"));
    }

    [Fact]
    public void Runs_come_back_in_the_order_asked_and_unknown_digests_are_left_out()
    {
        using var store = CreateStore();
        var (a, b) = (SampleRuns.Run("a"), SampleRuns.Run("b"));
        store.Append(Draft("c1"), [a, b]);

        Assert.Equal([RunDigest.Compute(b), RunDigest.Compute(a)],
            store.GetRuns([RunDigest.Compute(b), new string('0', 64), RunDigest.Compute(a)]).Select(r => r.Digest));
    }

    [Fact]
    public void A_fit_with_the_same_inputs_is_recorded_once_and_a_new_one_supersedes_it_bit_for_bit()
    {
        using var store = CreateStore();
        var id = store.Append(Draft("c1"), [SampleRuns.Run("b"), SampleRuns.Run("a")]).Snapshot.Id;

        Assert.Equal(3, store.RecordFits(id, [SampleRuns.Fit("b"), SampleRuns.Fit("a"), SampleRuns.Fit("a", model: "power")]));
        Assert.Equal(0, store.RecordFits(id, [SampleRuns.Fit("a"), SampleRuns.Fit("b")]));
        var newer = SampleRuns.Fit("a", inputDigest: "input-2") with { PayloadJson = """{"engine":"test","a":[4]}""" };
        Assert.Equal(1, store.RecordFits(id, [newer]));

        var fits = store.GetFits(id);
        Assert.Equal([("a", "power"), ("a", "sigmoid4"), ("b", "sigmoid4")], fits.Select(f => (f.Recipe, f.Model)));
        Assert.Equal(newer.PayloadJson, fits[1].PayloadJson);
        Assert.Equal(newer.Parameters, fits[1].Parameters);
        Assert.True(double.IsNaN(fits[1].Parameters[1].StandardError));
        Assert.Equal(double.NegativeInfinity, fits[1].Parameters[2].Lower);
        Assert.Equal(newer with { Parameters = fits[1].Parameters }, fits[1]);
        Assert.Equal("input-2", store.FindFit("input-2")?.InputDigest);
        Assert.Null(store.FindFit("input-3"));
    }

    [Fact]
    public void The_fit_cache_finds_the_latest_fit_of_an_input_in_any_snapshot()
    {
        using var store = CreateStore();
        var first = store.Append(Draft("c1"), [SampleRuns.Run("a")]).Snapshot.Id;
        var second = store.Append(Draft("c2"), [SampleRuns.Run("a")]).Snapshot.Id;
        store.RecordFits(first, [SampleRuns.Fit("a") with { Reason = "first" }]);
        store.RecordFits(second, [SampleRuns.Fit("a") with { Reason = "second" }]);

        Assert.Equal("second", store.FindFit("input-1")?.Reason);
    }

    [Fact]
    public void The_bulk_read_of_fits_reads_only_the_recipes_asked_for_and_names_every_snapshot_asked_for()
    {
        using var store = CreateStore();
        var first = store.Append(Draft("c1"), [SampleRuns.Run("a"), SampleRuns.Run("b")]).Snapshot.Id;
        var second = store.Append(Draft("c2"), [SampleRuns.Run("a")]).Snapshot.Id;
        store.RecordFits(first, [SampleRuns.Fit("a"), SampleRuns.Fit("b"), SampleRuns.Fit("b", model: "power")]);
        store.RecordFits(first, [SampleRuns.Fit("b", inputDigest: "input-2")]);

        var fits = store.GetFits([new SnapshotRecipe(first, "b"), new SnapshotRecipe(second, "a")]);

        Assert.Equal([first, second], fits.Keys.Order());
        Assert.Equal([("b", "power", "input-1"), ("b", "sigmoid4", "input-2")], fits[first].Select(f => (f.Recipe, f.Model, f.InputDigest)));
        Assert.Empty(fits[second]);
    }

    [Fact]
    public void A_branch_s_snapshots_come_with_each_recipe_s_run_set_which_is_the_digest_of_its_runs_whatever_their_order()
    {
        using var store = CreateStore();
        var (a1, a2, b1) = (SampleRuns.Run("a", 1), SampleRuns.Run("a", 2), SampleRuns.Run("b", 1));
        store.Append(Draft("c1"), [a1, a2, b1]);
        store.Append(Draft("f1", "feature"), [a1]);
        store.Append(Draft("c2"), [a2]);
        store.Append(Draft("c2", time: Monday.AddHours(1)), [a1]); // grows c2 to c1's runs of a, joined in the other order

        var read = store.GetSnapshotRunSets("main");

        Assert.Equal(store.GetSnapshots(branch: "main").Select(s => (s.Id, s.Commit, s.Branch, s.Time)), read.Select(s => (s.Id, s.Commit, s.Branch, s.Time)));
        Assert.Equal([["a", "b"], ["a"]], read.Select(s => s.Recipes.Keys.ToArray()));
        // Computed here from the digests, as RunSet defines it, independently of the store's own code.
        var a = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Concat(new[] { RunDigest.Compute(a1), RunDigest.Compute(a2) }.Order(StringComparer.Ordinal).Select(d => d + "\n")))).AsSpan(0, 16)).ToLowerInvariant();
        Assert.Equal(a, read[0].Recipes["a"].ToString());
        Assert.Equal(read[0].Recipes["a"], read[1].Recipes["a"]);
        Assert.Equal(RunSet.Of([RunDigest.Compute(b1)]), read[0].Recipes["b"]);
        Assert.NotEqual(read[0].Recipes["a"], store.GetSnapshotRunSets("feature").Single().Recipes["a"]);
        Assert.Empty(store.GetSnapshotRunSets("Main"));
    }

    [Fact]
    public void The_current_fits_identities_are_read_without_payloads_and_each_payload_by_its_record_s_sequence()
    {
        using var store = CreateStore();
        var first = store.Append(Draft("c1"), [SampleRuns.Run("a"), SampleRuns.Run("b")]).Snapshot.Id;
        var second = store.Append(Draft("c2"), [SampleRuns.Run("a")]).Snapshot.Id;
        store.RecordFits(first, [Fit("a"), Fit("b"), Fit("b", model: "power")]);
        store.RecordFits(first, [Fit("b", inputDigest: "input-2") with { OptionsDigest = "options-2", FitterVersion = "9.9" }]);
        store.RecordFits(second, [Fit("a", inputDigest: "input-3")]);
        var wanted = new[] { new SnapshotRecipe(first, "b"), new SnapshotRecipe(second, "a"), new SnapshotRecipe(second, "b") };

        var identities = store.GetFitIdentities(wanted);

        Assert.Equal([first, second], identities.Keys.Order());
        var fits = store.GetFits(wanted);
        Assert.Equal(fits[first].Select(f => (f.Recipe, f.Model, f.OptionsDigest, f.FitterVersion, f.InputDigest)),
            identities[first].Select(f => (f.Recipe, f.Model, f.OptionsDigest, f.FitterVersion, f.InputDigest)));
        Assert.Equal([("b", "power", "input-1"), ("b", "sigmoid4", "input-2")], identities[first].Select(f => (f.Recipe, f.Model, f.InputDigest)));
        Assert.Equal(("options-2", "9.9"), (identities[first][1].OptionsDigest, identities[first][1].FitterVersion));
        Assert.Equal(["input-3"], identities[second].Select(f => f.InputDigest));
        Assert.Equal(3, identities.Values.SelectMany(f => f).Select(f => f.Sequence).Distinct().Count());

        var sequences = identities.Values.SelectMany(f => f).Select(f => f.Sequence).ToList();
        var payloads = store.GetFitPayloads([.. sequences, sequences[0], sequences.Max() + 1000]);
        Assert.Equal(sequences.Order(), payloads.Keys.Order());
        Assert.Equal(fits[first].Select(f => f.PayloadJson), identities[first].Select(f => payloads[f.Sequence]));
        Assert.Equal(fits[second].Single().PayloadJson, payloads[identities[second].Single().Sequence]);
        Assert.Empty(store.GetFitPayloads([]));
    }

    [Fact]
    public void The_current_fits_identities_come_with_the_summaries_of_the_fits_of_the_origin_asked_for_in_one_read()
    {
        using var store = CreateStore();
        var first = store.Append(Draft("c1"), [SampleRuns.Run("a"), SampleRuns.Run("b")]).Snapshot.Id;
        var second = store.Append(Draft("c2"), [SampleRuns.Run("a")]).Snapshot.Id;
        store.RecordFits(first, [Fit("a"), Fit("b"), Fit("b", model: "power")]);
        store.RecordFits(first, [Fit("a", inputDigest: "input-2") with { OptionsDigest = "options-2" }]);
        store.RecordFits(second, [Fit("a", inputDigest: "input-3"), Fit("b", inputDigest: "input-4") with { FitterVersion = "9.9" }]);
        var wanted = new[] { new SnapshotRecipe(first, "a"), new SnapshotRecipe(first, "b"), new SnapshotRecipe(second, "a"), new SnapshotRecipe(second, "b") };

        var read = store.GetFitIdentitiesWithSummaries(wanted, new FitOrigin("sigmoid4", "options-1", "fitter-1"));

        Assert.Equal([first, second], read.Keys.Order());
        var identities = store.GetFitIdentities(wanted);
        Assert.All(read, entry => Assert.Equal(identities[entry.Key], entry.Value.Select(f => f.Identity)));
        // The current fit of a on c1 was made with other options, the power fit of b by the same options is of another model,
        // and b on c2 by another fitter: identities without summaries.
        Assert.Equal([("a", "sigmoid4", null), ("b", "power", null), ("b", "sigmoid4", Summary(Fit("b")))],
            read[first].Select(f => (f.Identity.Recipe, f.Identity.Model, Text(f.Summary))));
        Assert.Equal([("a", Summary(Fit("a", inputDigest: "input-3"))), ("b", null)], read[second].Select(f => (f.Identity.Recipe, Text(f.Summary))));
        Assert.Empty(store.GetFitIdentitiesWithSummaries([new SnapshotRecipe(second, "c")], new FitOrigin("sigmoid4", "options-1", "fitter-1"))[second]);
    }

    [Fact]
    public void A_superseded_fit_keeps_its_record_and_the_current_one_has_a_higher_sequence()
    {
        using var store = CreateStore();
        var id = store.Append(Draft("c1"), [SampleRuns.Run("a")]).Snapshot.Id;
        store.RecordFits(id, [Fit("a")]);
        var older = store.GetFitIdentities([new SnapshotRecipe(id, "a")])[id].Single();
        store.RecordFits(id, [Fit("a", inputDigest: "input-2")]);

        var current = store.GetFitIdentities([new SnapshotRecipe(id, "a")])[id].Single();

        Assert.Equal("input-2", current.InputDigest);
        Assert.True(current.Sequence > older.Sequence);
        Assert.Equal(Fit("a").PayloadJson, store.GetFitPayloads([older.Sequence])[older.Sequence]);
        Assert.Equal(Fit("a", inputDigest: "input-2").PayloadJson, store.GetFitPayloads([current.Sequence])[current.Sequence]);
    }

    private static string Summary(StoredFit fit) => Encoding.UTF8.GetString(FitSummaryText.Of(fit.PayloadJson));

    private static string? Text(ReadOnlyMemory<byte>? utf8) => utf8 is { } bytes ? Encoding.UTF8.GetString(bytes.Span) : null;

    /// <summary>A sample fit whose payload names its recipe, model and input, so that a payload read back shows which record it came from.</summary>
    private static StoredFit Fit(string recipe, string inputDigest = "input-1", string model = "sigmoid4") =>
        SampleRuns.Fit(recipe, inputDigest, model) with { PayloadJson = $$"""{"recipe":"{{recipe}}","model":"{{model}}","inputDigest":"{{inputDigest}}","engine":"test"}""" };

    [Fact]
    public void Writers_on_several_machines_that_record_the_same_build_at_once_store_each_run_fit_and_verdict_once()
    {
        long id;
        using (var store = CreateStore())
            id = store.Append(Draft("c1"), [SampleRuns.Run("a")]).Snapshot.Id;
        var runs = Enumerable.Range(1, 4).Select(seed => SampleRuns.Run("a", seed)).ToList();

        var results = Enumerable.Range(0, 6).AsParallel().WithDegreeOfParallelism(6).Select(_ =>
        {
            using var store = CreateStore();
            var appended = store.Append(Draft("c1"), runs);
            return (appended.NewRuns, Fits: store.RecordFits(id, [SampleRuns.Fit("a"), SampleRuns.Fit("a", model: "power")]),
                Verdicts: store.RecordVerdicts([Verdict(id, "a")]));
        }).ToList();

        Assert.Equal((3, 2, 1), (results.Sum(r => r.NewRuns), results.Sum(r => r.Fits), results.Sum(r => r.Verdicts)));
        using var reader = CreateStore(LedgerAccess.ReadOnly);
        Assert.Equal(runs.Select(RunDigest.Compute), Assert.Single(reader.GetSnapshots()).Recipes["a"]);
        Assert.Equal(2, reader.GetFits(id).Count);
        var records = new List<LedgerRecord>();
        reader.ReadAll(records.Add);
        Assert.Equal((4, 2, 1), (records.OfType<RunEntry>().Count(), records.OfType<FitEntry>().Count(), records.OfType<VerdictEntry>().Count()));
    }

    [Fact]
    public void Records_on_a_snapshot_the_ledger_lacks_are_refused_and_nothing_of_the_call_is_written()
    {
        using var store = CreateStore();
        var id = store.Append(Draft("c1"), [SampleRuns.Run("a")]).Snapshot.Id;
        var before = Exported(store);

        Assert.Throws<ArgumentException>(() => store.RecordFits(id + 1, [SampleRuns.Fit("a")]));
        Assert.Throws<ArgumentException>(() => store.RecordVerdicts([Verdict(id, "a"), Verdict(id + 1, "a")]));
        Assert.Throws<ArgumentException>(() => store.RecordVerdicts([], SampleGates.Document(id + 7, "c9")));

        Assert.Equal(before, Exported(store));
    }

    [Fact]
    public void A_verdict_equal_to_the_current_one_is_skipped_and_a_changed_one_becomes_current_whatever_its_name()
    {
        using var store = CreateStore();
        var baseline = store.Append(Draft("c1"), [SampleRuns.Run("a")]).Snapshot.Id;
        var id = store.Append(Draft("c2"), [SampleRuns.Run("a"), SampleRuns.Run("b")]).Snapshot.Id;

        Assert.Equal(2, store.RecordVerdicts([Verdict(id, "b"), Verdict(id, "a", baseline)]));
        Assert.Equal(0, store.RecordVerdicts([Verdict(id, "a", baseline), Verdict(id, "b")]));
        // Verdict names are the gate's words, stored as given: a kind this store has never seen needs no change to it.
        var changed = Verdict(id, "a", baseline) with { Verdict = "some-future-kind", DeltaA = -0.04, Lower = double.NegativeInfinity, Reason = "why" };
        Assert.Equal(1, store.RecordVerdicts([changed]));

        Assert.Equal([changed, Verdict(id, "b")], store.GetVerdicts(id));
        var bulk = store.GetVerdicts([id, baseline]);
        Assert.Equal([changed, Verdict(id, "b")], bulk[id]);
        Assert.Empty(bulk[baseline]);
    }

    [Fact]
    public void Reads_side_by_side_give_what_they_give_one_by_one_and_a_write_among_them_is_refused()
    {
        using var store = CreateStore();
        var ids = Enumerable.Range(1, 6).Select(i => store.Append(Draft($"c{i}"), [SampleRuns.Run("a", i), SampleRuns.Run("b", i)]).Snapshot.Id).ToList();
        foreach (var id in ids)
            store.RecordVerdicts([Verdict(id, "a"), Verdict(id, "b")], SampleGates.Document(id, "c" + id));
        var alone = (Snapshots: store.GetSnapshots(), Verdicts: store.GetVerdicts(ids), Gates: store.GetGateSummaries(ids));

        var together = store.ReadTogether(() =>
        {
            // Each thread's calls in turn, many at once: every one sees the ledger whole.
            var reads = Enumerable.Range(0, 8).Select(_ => Task.Run(() => (Snapshots: store.GetSnapshots(), Verdicts: store.GetVerdicts(ids), Gates: store.GetGateSummaries(ids)))).ToArray();
            var refused = Assert.Throws<InvalidOperationException>(() => store.RecordVerdicts([Verdict(ids[0], "c")]));
            Assert.Contains("side by side", refused.Message);
            return Task.WhenAll(reads).GetAwaiter().GetResult();
        });

        foreach (var read in together)
        {
            Assert.Equal(alone.Snapshots.Select(s => (s.Id, s.Commit, string.Join(",", s.Recipes.Keys))), read.Snapshots.Select(s => (s.Id, s.Commit, string.Join(",", s.Recipes.Keys))));
            Assert.All(ids, id => Assert.Equal(alone.Verdicts[id], read.Verdicts[id]));
            Assert.Equal(alone.Gates.Keys.Order(), read.Gates.Keys.Order());
        }
        // The refused write left nothing, and writing works again afterwards.
        Assert.Equal(["a", "b"], store.GetVerdicts(ids[0]).Select(v => v.Recipe));
        Assert.Equal(1, store.RecordVerdicts([Verdict(ids[0], "c")]));
    }

    [Fact]
    public void The_latest_gate_summary_and_facts_are_current_and_an_identical_rerun_adds_nothing()
    {
        using var store = CreateStore();
        var first = store.Append(Draft("c1"), [SampleRuns.Run("a")]).Snapshot.Id;
        var second = store.Append(Draft("c2"), [SampleRuns.Run("a")]).Snapshot.Id;
        var facts = new GateFacts(second, [new GateFact("set-1", ["runs/a.csv", "runs/b.csv"], "fit-1", true), new GateFact("set-2", [], null, null)]);
        // The first gate's record is an older Ledger's kept Markdown (an imported history holds such), the second's are documents.
        store.RecordVerdicts([Verdict(first, "a")], GateSummary.OfMarkdown(first, "### first"));
        store.RecordVerdicts([Verdict(second, "a")], SampleGates.Document(second, "c2", "a"), facts);
        store.RecordVerdicts([], SampleGates.Document(second, "c2", "a", VerdictKind.Regressed), facts with { Facts = [facts.Facts[1]] });
        var before = Exported(store);
        store.RecordVerdicts([Verdict(second, "a")], SampleGates.Document(second, "c2", "a", VerdictKind.Regressed), facts with { Facts = [facts.Facts[1]] });

        Assert.Equal(before, Exported(store));
        var kept = store.GetGateSummaries([first, second, second + 1]);
        Assert.Equal([first, second], kept.Keys.Order());
        Assert.Equal(SampleGates.Document(second, "c2", "a", VerdictKind.Regressed), kept[second]);
        Assert.Equal(GateSummary.OfMarkdown(first, "### first"), kept[first]);
        var current = Assert.Single(store.GetGateFacts(second));
        Assert.Equal(("set-2", null, (bool?)null), (current.RunSet, current.BaselineFit, current.RegimeChange));
        Assert.Empty(store.GetGateFacts(first));
    }

    [Fact]
    public void A_file_read_once_is_remembered_and_its_record_adds_its_runs_to_a_later_snapshot_without_reading_it()
    {
        using var store = CreateStore();
        var (a, b) = (SampleRuns.Run("a") with { Warnings = ["rows skipped"] }, SampleRuns.Run("b"));
        store.AppendFiles(Draft("c1"), [AppendSource.Read("key-1", [a, b]), AppendSource.Read(null, [SampleRuns.Run("c")])]);

        var found = store.FindReadFiles(["key-1", "key-unknown"]);
        var record = Assert.Single(found).Value;
        Assert.Equal([("a", RunDigest.Compute(a)), ("b", RunDigest.Compute(b))], record.Runs.Select(r => (r.Recipe, r.Digest)));
        Assert.Equal(["rows skipped"], record.Runs[0].Warnings);

        var reused = store.AppendFiles(Draft("c2"), [AppendSource.Reused(record)]);
        Assert.Equal((0, 2), (reused.NewRuns, reused.ExistingRuns));
        Assert.Equal(["a", "b"], reused.Snapshot.Recipes.Keys);
    }

    [Fact]
    public void A_store_opened_to_read_refuses_to_write_and_one_that_needs_a_ledger_refuses_to_make_one()
    {
        using (var store = CreateStore())
            store.Append(Draft("c1"), [SampleRuns.Run("a")]);
        using (var reader = CreateStore(LedgerAccess.ReadOnly))
        {
            Assert.Single(reader.GetSnapshots());
            Assert.Throws<InvalidOperationException>(() => reader.RecordFits(1, [SampleRuns.Fit("a")]));
        }
        using var empty = CreateOtherStore();
        Assert.Empty(empty.GetSnapshots());
    }

    [Fact]
    public void Everything_read_out_and_imported_into_an_empty_ledger_reads_out_the_same_and_makes_the_same_records_current()
    {
        string exported;
        using (var store = CreateStore())
        {
            Populate(store);
            exported = Exported(store);
            Assert.Empty(store.FindDamage());
        }
        using var other = CreateOtherStore();
        using (var text = new StringReader(exported))
            other.Import(LedgerExportReader.Read(text, "export.jsonl"));

        Assert.Equal(exported, Exported(other));
        using var store2 = CreateStore(LedgerAccess.ReadOnly);
        foreach (var snapshot in store2.GetSnapshots())
        {
            Assert.Equal(store2.GetFits(snapshot.Id), other.GetFits(snapshot.Id), FitComparer.Instance);
            Assert.Equal(store2.GetVerdicts(snapshot.Id), other.GetVerdicts(snapshot.Id));
            Assert.Equal(store2.GetGateFacts(snapshot.Id).Select(f => f.RunSet), other.GetGateFacts(snapshot.Id).Select(f => f.RunSet));
        }
        Assert.Equal(store2.FindReadFiles(["key-1"]).Single().Value.Runs.Select(r => (r.Recipe, r.Digest, string.Join("|", r.Warnings))),
            other.FindReadFiles(["key-1"]).Single().Value.Runs.Select(r => (r.Recipe, r.Digest, string.Join("|", r.Warnings))));
        Assert.Empty(other.FindDamage());
        // Snapshot ids go on from the imported ones.
        Assert.Equal(4, other.Append(Draft("c9"), [SampleRuns.Run("z")]).Snapshot.Id);
    }

    [Fact]
    public void An_import_into_a_ledger_that_holds_records_is_refused_and_changes_nothing()
    {
        using var store = CreateStore();
        Populate(store);
        var before = Exported(store);

        using var text = new StringReader(before);
        var refused = Assert.Throws<LedgerInputException>(() => store.Import(LedgerExportReader.Read(text, "export.jsonl")));

        Assert.Equal(ErrorCodes.ImportTargetNotEmpty, refused.Code);
        Assert.Equal(before, Exported(store));
    }

    [Fact]
    public void An_import_whose_gate_document_cannot_be_read_is_refused_at_its_line_and_writes_nothing()
    {
        string exported;
        using (var store = CreateStore())
        {
            Populate(store);
            exported = Exported(store);
        }
        var lines = exported.Split('\n');
        var gate = Array.FindIndex(lines, line => line.Contains("\"document\":", StringComparison.Ordinal));
        lines[gate] = lines[gate].Replace("\\\"verdict\\\":\\\"allowed\\\"", "\\\"verdict\\\":\\\"waved through\\\"", StringComparison.Ordinal);
        using var other = CreateOtherStore();

        LedgerInputException refused;
        using (var text = new StringReader(string.Join('\n', lines)))
            refused = Assert.Throws<LedgerInputException>(() => other.Import(LedgerExportReader.Read(text, "gate.jsonl")));

        Assert.Equal(ErrorCodes.MalformedExport, refused.Code);
        Assert.Equal(gate + 1, refused.Location.Line);
        Assert.Contains("'waved through' is not a verdict", refused.Message, StringComparison.Ordinal);
        Assert.Equal(EmptyExport, Exported(other));
    }

    [Fact]
    public void An_import_that_fails_part_way_writes_nothing()
    {
        string exported;
        using (var store = CreateStore())
        {
            Populate(store);
            exported = Exported(store);
        }
        var cut = string.Join('\n', exported.Split('\n').SkipLast(3)) + "\n";
        using var other = CreateOtherStore();

        using (var text = new StringReader(cut))
            Assert.Equal(ErrorCodes.MalformedExport, Assert.Throws<LedgerInputException>(() => other.Import(LedgerExportReader.Read(text, "cut.jsonl"))).Code);

        Assert.Empty(other.GetSnapshots());
        Assert.Equal(EmptyExport, Exported(other));
    }

    /// <summary>Three snapshots on two branches with fits, a superseded fit, verdicts, a gate's summary and facts, and a read file.</summary>
    private static void Populate(ILedgerStore store)
    {
        var first = store.AppendFiles(Draft("c1"), [AppendSource.Read("key-1", [SampleRuns.Run("a", 1), SampleRuns.Run("a", 2)])]).Snapshot.Id;
        var second = store.Append(Draft("f1", "feature", Monday.AddDays(1)), [SampleRuns.Run("a", 1), SampleRuns.Run("b", 3)]).Snapshot.Id;
        var third = store.Append(Draft("c2", time: Monday.AddDays(2)), [SampleRuns.Run("b", 3)]).Snapshot.Id;
        store.RecordFits(first, [SampleRuns.Fit("a")]);
        store.RecordFits(second, [SampleRuns.Fit("a"), SampleRuns.Fit("b", "input-b")]);
        store.RecordFits(second, [SampleRuns.Fit("a", "input-2") with { Status = "unidentified", Reason = "before the bend" }]);
        store.RecordFits(third, [SampleRuns.Fit("b", "input-b")]);
        store.RecordVerdicts([Verdict(second, "a", first) with { Verdict = "allowed", Reason = "accepted in ledger.allow.json" }, Verdict(second, "b")],
            SampleGates.Document(second, "f1", "a", VerdictKind.Allowed), new GateFacts(second, [new GateFact("set", ["runs/a/seed1.csv"], "fit", false)]));
        store.RecordVerdicts([Verdict(third, "b", second) with { DeltaA = -0.0, Lower = double.NegativeInfinity, Upper = 0.01 }],
            GateSummary.OfMarkdown(third, "### Ledger gate\n| b | pass |\n"));
    }

    private static StoredVerdict Verdict(long snapshot, string recipe, long? baseline = null) =>
        new(snapshot, recipe, baseline is null ? "new" : "pass", baseline, baseline is null ? null : 0.001, baseline is null ? null : -0.02,
            baseline is null ? null : 0.02, false, null);

    private const string EmptyExport = "{\"type\":\"header\",\"schema\":\"ledger.export/1\"}\n{\"type\":\"end\",\"records\":0}\n";

    /// <summary>Everything the store holds, as ledger export writes it: equal texts, equal ledgers.</summary>
    protected static string Exported(ILedgerStore store)
    {
        using var stream = new MemoryStream();
        using (var writer = new LedgerExportWriter(stream))
        {
            store.ReadAll(writer.Write);
            writer.Finish();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Fits compared field by field, parameters by value (records compare lists by reference).</summary>
    private sealed class FitComparer : IEqualityComparer<StoredFit>
    {
        public static readonly FitComparer Instance = new();

        public bool Equals(StoredFit? x, StoredFit? y) =>
            x is not null && y is not null && x.Parameters.SequenceEqual(y.Parameters) && x with { Parameters = [] } == y with { Parameters = [] };

        public int GetHashCode(StoredFit obj) => obj.InputDigest.GetHashCode(StringComparison.Ordinal);
    }
}
