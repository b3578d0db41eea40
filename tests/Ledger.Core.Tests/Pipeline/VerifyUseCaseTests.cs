using Ledger.Core.Fitting;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;
using Ledger.Core.Tests.Support;
using LiteDB;

namespace Ledger.Core.Tests.Pipeline;

/// <summary>`ledger verify` on a real ledger file: stored fits reproduce bit for bit, and one altered double on disk is found and named.</summary>
public sealed class VerifyUseCaseTests
{
    private static readonly FitOptions Options = new() { BootstrapResamples = 50, PredictAt = 1e5 };

    [Fact]
    public void Every_stored_fit_reproduces_and_an_altered_parameter_or_payload_value_is_named()
    {
        using var folder = new TempFolder();
        var path = folder.File("ledger.db");
        using (var store = LiteDbLedgerStore.Open(path))
        {
            store.Append(new SnapshotDraft("c1", "main", DateTimeOffset.UnixEpoch), [SnapshotFitsTests.Run("grpo", 1), SnapshotFitsTests.Run("ppo", 2)]);
            // A snapshot that gains a run after its fit: the old fit must still be refitted from the runs it was made of.
            FitUseCase.Run(new FitRequest("c1", "main", folder.Path, _ => null, Options), store);
            store.Append(new SnapshotDraft("c1", "main", DateTimeOffset.UnixEpoch), [SnapshotFitsTests.Run("ppo", 3)]);
            store.Append(new SnapshotDraft("c2", "main", DateTimeOffset.UnixEpoch), [SnapshotFitsTests.Run("grpo", 1)]);
            FitUseCase.Run(new FitRequest("c2", "main", folder.Path, _ => null, Options with { Model = CurveModelKind.Sigmoid }), store);

            var clean = VerifyUseCase.Run(store);
            Assert.Equal((3, true), (clean.Checked, clean.Reproduced));
        }

        Alter(path, "ppo", fit => fit["parameters"][1]["value"] = fit["parameters"][1]["value"].AsDouble + 1e-12);
        Alter(path, "grpo", fit => fit["payloadJson"] = fit["payloadJson"].AsString.Replace("\"rSquared\":0.", "\"rSquared\":0.1"));

        using (var store = LiteDbLedgerStore.OpenExisting(path))
        {
            var outcome = VerifyUseCase.Run(store);
            Assert.False(outcome.Reproduced);
            Assert.Equal([("ppo", 1L), ("grpo", 1L)], outcome.Mismatches.Select(m => (m.Recipe, m.SnapshotId)).OrderByDescending(m => m.Recipe));
            Assert.Equal(["A.value"], outcome.Mismatches.Single(m => m.Recipe == "ppo").Fields);
            Assert.Equal(["payload.rSquared"], outcome.Mismatches.Single(m => m.Recipe == "grpo").Fields);
        }
    }

    [Fact]
    public void A_fit_made_on_a_compute_window_keeps_its_window_and_verifies_bit_for_bit()
    {
        using var folder = new TempFolder();
        var path = folder.File("ledger.db");
        var windowed = Options with { Window = new ComputeWindow(2000, null) };
        using var store = LiteDbLedgerStore.Open(path);
        var runs = new[] { SnapshotFitsTests.Run("grpo", 1), SnapshotFitsTests.Run("grpo", 2) };
        store.Append(new SnapshotDraft("c1", "main", DateTimeOffset.UnixEpoch), runs);

        var fitted = Assert.Single(FitUseCase.Run(new FitRequest("c1", "main", folder.Path, _ => null, windowed), store).Fits);
        var verified = VerifyUseCase.Run(store);

        var stored = Assert.Single(store.GetFits(fitted.Snapshot.Id));
        Assert.Equal(windowed.Window, FitRecords.Contents(stored).Options.Window);
        Assert.Equal(runs.Sum(run => run.Points.Count(p => p.Compute >= 2000)), stored.N);
        Assert.Equal((1, true), (verified.Checked, verified.Reproduced));
    }

    [Fact]
    public void The_example_ledger_verifies_bit_for_bit()
    {
        using var folder = new TempFolder();
        var path = folder.File("ledger.db");
        File.Copy(Path.Combine(TestData.Repository, "ledger.db.example"), path);
        using var store = LiteDbLedgerStore.OpenExisting(path);

        var outcome = VerifyUseCase.Run(store);

        Assert.True(outcome.Checked > 0);
        Assert.Empty(outcome.OlderFitters);
        Assert.True(outcome.Reproduced, string.Join("\n", outcome.Mismatches.Select(m => $"{m.Recipe}: {string.Join(", ", m.Fields)}")));
    }

    [Fact]
    public void Fits_an_older_fitter_recorded_are_counted_not_failed()
    {
        using var folder = new TempFolder();
        var path = folder.File("ledger.db");
        using (var store = LiteDbLedgerStore.Open(path))
        {
            var snapshot = store.Append(Storage.SampleRuns.Draft(), [Storage.SampleRuns.Run()]).Snapshot;
            FitUseCase.ForSnapshot(store, snapshot, new FitOptions { BootstrapResamples = 50 });
        }
        Alter(path, Storage.SampleRuns.Run().Recipe, doc => doc["fitterVersion"] = "ledger-fit/1");
        using var reopened = LiteDbLedgerStore.OpenExisting(path);

        var outcome = VerifyUseCase.Run(reopened);

        Assert.Equal((0, true), (outcome.Checked, outcome.Reproduced));
        Assert.Equal(1, outcome.OlderFitters["ledger-fit/1"]);
        Assert.Contains("recorded by fitter ledger-fit/1: not refitted", VerifyText.Write(outcome));
    }

    /// <summary>Changes the first stored fit of a recipe in the file itself, as a damaged disk or a hand edit would.</summary>
    /// <summary>
    /// Changes a recipe's first fit in the file, and its summary with it, as a writer that changed both would: the summaries
    /// then agree with the fits (a fit changed alone is damage, <see cref="Storage.LedgerFitSummariesTests"/>), and what is
    /// left to find the change is the refit.
    /// </summary>
    internal static void Alter(string path, string recipe, Action<BsonDocument> change)
    {
        using var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Shared });
        var fits = db.GetCollection("fits");
        var doc = fits.FindAll().First(d => d["recipe"].AsString == recipe);
        change(doc);
        fits.Update(doc);
        var summaries = db.GetCollection("fitSummaries");
        var changed = LedgerDocuments.ToFit(doc);
        var summary = summaries.FindAll().Single(d => FitSummaryDocuments.Read(d).Entries.Any(e => e.Identity.Sequence == doc["_id"].AsInt64));
        summary["fits"] = FitSummaryEncoding.Encode(FitSummaryDocuments.Read(summary).Entries.Select(e => e.Identity.Sequence != doc["_id"].AsInt64 ? e
            : (e.Identity with { Recipe = changed.Recipe, Model = changed.Model, OptionsDigest = changed.OptionsDigest, FitterVersion = changed.FitterVersion,
                InputDigest = changed.InputDigest }, FitSummaryText.Of(changed.PayloadJson))));
        summaries.Update(summary);
    }
}
