using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Ledger.Core.Changes;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;
using Ledger.Tests.Infrastructure;

namespace Ledger.Benchmarks;

/// <summary>
/// `ledger changes` over 1,000 recipes x 1,000 snapshots of main, a ledger as CI leaves it: every build appends three seeds
/// of every recipe and `ledger fit` records every recipe's fit on its snapshot; a recipe's runs change every 20 builds
/// (staggered), so each distinct fit is recorded on 20 snapshots (50,000 distinct fits, 1,000,000 fit records), and every
/// tenth recipe steps down 0.05 at build 500. The whole verb, and its parts: the store's read of the branch's snapshots
/// with their run sets, reading every recipe's A along them from the stored fits (the fits of the snapshots that cover
/// every run set, their identities with their summaries in one read, each distinct summary parsed once), that read of the
/// store alone, parsing alone (one thread, as before), and the segmentation and tests. And the verb with the default
/// fit options, which none of these fits was made with (they were made with `--bootstrap 0`). The ledger (about 6.2 GB, schema version 4: each snapshot's fits also summarised in one document) is built once into the temporary
/// folder and reused by every case and run (delete ledger-bench-changes-v4 there to rebuild it).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class ChangesBenchmarks
{
    private const int Recipes = 1_000;
    private const int Snapshots = 1_000;
    private const int Seeds = 3;
    private const int Points = 16;
    private const int RunsChangeEvery = 20;
    private static readonly FitOptions Fit = new() { BootstrapResamples = 0 };
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "ledger-bench-changes-v4");
    private static readonly string Ledger = Path.Combine(Folder, "ledger.db");
    private ChangesRequest _request = null!;
    private IReadOnlyList<SnapshotRunSets> _snapshots = null!;
    private IReadOnlyList<SnapshotRecipe> _covering = null!;
    private IReadOnlyList<IdentifiedSummary> _distinctFits = null!;
    private BranchHistory _history = null!;

    [GlobalSetup]
    public void Setup()
    {
        var done = Path.Combine(Folder, "complete");
        if (!File.Exists(done))
        {
            if (Directory.Exists(Folder))
                Directory.Delete(Folder, recursive: true);
            Directory.CreateDirectory(Folder);
            var clock = Stopwatch.StartNew();
            Build();
            File.WriteAllText(done, $"built in {clock.Elapsed}\n");
        }
        _request = new ChangesRequest(null, null, null, Fit, null, AllowList.Empty);
        using var store = LiteDbLedgerStore.OpenExisting(Ledger);
        _snapshots = store.GetSnapshotRunSets("main");
        // Every run set lasts 20 builds: every 20th snapshot holds all of them.
        _covering = _snapshots.Where((_, i) => i % RunsChangeEvery == RunsChangeEvery - 1 || i == Snapshots - 1)
            .SelectMany(s => s.Recipes.Keys.Select(r => new SnapshotRecipe(s.Id, r))).ToList();
        _distinctFits = store.GetFitIdentitiesWithSummaries(_covering, FitRecords.OriginOf(Fit)).Values.SelectMany(f => f).DistinctBy(f => f.Identity.InputDigest).ToList();
        _history = BranchAsymptotes.Read(store, _snapshots, Fit);
    }

    [Benchmark]
    public int Changes1000RecipesX1000Snapshots()
    {
        using var store = LiteDbLedgerStore.OpenExisting(Ledger);
        return ChangesUseCase.Run(_request, store).Changes.Count;
    }

    [Benchmark]
    public int StoreReadsTheSnapshotsWithTheirRunSets()
    {
        using var store = LiteDbLedgerStore.OpenExisting(Ledger);
        return store.GetSnapshotRunSets("main").Count;
    }

    [Benchmark]
    public int StoreReadsTheCoveringSnapshotsFitsWithTheirSummaries()
    {
        using var store = LiteDbLedgerStore.OpenExisting(Ledger);
        return store.GetFitIdentitiesWithSummaries(_covering, FitRecords.OriginOf(Fit)).Count;
    }

    [Benchmark]
    public int ReadEveryRecipesAFromTheStoredFits()
    {
        using var store = LiteDbLedgerStore.OpenExisting(Ledger);
        return BranchAsymptotes.Read(store, _snapshots, Fit).Series.Sum(s => s.Observations.Count);
    }

    [Benchmark]
    public int ParseEachDistinctFitOnce()
    {
        var identified = 0;
        for (var i = 0; i < _distinctFits.Count; i++)
            identified += FitRecords.AsymptoteOf(_distinctFits[i].Identity, _distinctFits[i].Summary!.Value.Span).Fit.IdentifiedAsymptote is null ? 0 : 1;
        return identified;
    }

    [Benchmark]
    public int ChangesWithFitOptionsNoStoredFitWasMadeWith()
    {
        using var store = LiteDbLedgerStore.OpenExisting(Ledger);
        return ChangesUseCase.Run(_request with { Fit = new FitOptions() }, store).History.Unfitted.Values.Sum();
    }

    [Benchmark]
    public int SegmentAndTestEveryRecipe()
    {
        var rule = new ChangeRule(Fit.Tolerance);
        var changes = new int[_history.Series.Count];
        Parallel.For(0, changes.Length, i => changes[i] = RecipeChanges.Of(_history.Series[i], rule, []).Changes.Count());
        return changes.Sum();
    }

    private static void Build()
    {
        using var store = LiteDbLedgerStore.Open(Ledger);
        var versions = new int[Recipes];
        var fits = new Dictionary<(int Recipe, int Version), StoredFit>();
        for (var build = 0; build < Snapshots; build++)
        {
            for (var r = 0; r < Recipes; r++)
            {
                if ((r * 7 + build) % RunsChangeEvery == 0)
                    versions[r] = build;
            }
            var runs = Enumerable.Range(0, Recipes).Select(r => Runs(r, versions[r])).ToList();
            var snapshot = store.Append(new SnapshotDraft($"{(uint)((build + 1) * 2654435761L):x8}{build:x8}".PadRight(40, '0'), "main",
                DateTimeOffset.UnixEpoch.AddHours(build)), runs.SelectMany(r => r).ToList()).Snapshot;
            var missing = Enumerable.Range(0, Recipes).Where(r => !fits.ContainsKey((r, versions[r]))).ToArray();
            var fitted = new StoredFit[missing.Length];
            Parallel.For(0, missing.Length, i =>
            {
                var recipeRuns = runs[missing[i]].OrderBy(RunDigest.Compute, StringComparer.Ordinal).ToList();
                var fit = CurveFitter.Fit(recipeRuns[0].Recipe, FitData.FromRuns(recipeRuns), Fit);
                fitted[i] = FitRecords.ToStored(fit, Fit, recipeRuns.Select(RunDigest.Compute).ToList());
            });
            for (var i = 0; i < missing.Length; i++)
                fits[(missing[i], versions[missing[i]])] = fitted[i];
            store.RecordFits(snapshot.Id, Enumerable.Range(0, Recipes).Select(r => fits[(r, versions[r])]).ToList());
        }
    }

    /// <summary>Three seeds of one version of a recipe: each seed's ceiling 0.01 around the recipe's, 16 points through the bend, noise of sd 0.005.</summary>
    private static IReadOnlyList<RunLog> Runs(int recipe, int version) => Enumerable.Range(1, Seeds).Select(seed =>
    {
        var random = new Random(recipe * 1_000_003 + version * 31 + seed);
        var a = 0.6 + recipe % 50 / 250.0 - (recipe % 10 == 0 && version >= 500 ? 0.05 : 0) + 0.01 * Gaussian(random);
        var points = Enumerable.Range(0, Points)
            .Select(i => 100 * Math.Pow(500, i / (Points - 1.0)))
            .Select(c => new CurvePoint(c, 0.05 + (a - 0.05) / (1 + Math.Pow(4_000 / c, 1.4)) + 0.005 * Gaussian(random)))
            .ToArray();
        return new RunLog($"recipe-{recipe:0000}", $"seed{seed}", $"runs/recipe-{recipe:0000}/v{version}/seed{seed}.csv", "csv",
            ComputeMapping.FromColumn("compute"), "reward", points, []);
    }).ToList();

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
