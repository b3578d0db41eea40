using Ledger.Core.Reporting;
using Ledger.Core.Gating;
using BenchmarkDotNet.Attributes;
using Ledger.Core.Fitting;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;
using Ledger.Tests.Infrastructure;

namespace Ledger.Benchmarks;

/// <summary>
/// `ledger report` of a long-lived ledger, shaped like a year of CI: 1,000 snapshots of 50 recipes, each recipe
/// three seeds of 200 points. Builds alternate between main and pull-request branches: a main build changes one
/// recipe's runs, a pull request changes another on top of main, and the next main build does not have that
/// change; so a snapshot shares 48 or 49 of its 50 fits with the one before it, and a fit comes back after a
/// pull request. Every snapshot carries the gate's verdicts and summary, and every fit is recorded (as `ledger
/// fit` and `ledger gate` leave them). Writes 1,000 snapshot pages of 50 plots each, 50 recipe pages and 10
/// index pages. A few iterations only, since one takes seconds.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class ReportBenchmarks
{
    private const int Snapshots = 1_000;
    private const int Recipes = 50;
    private const int Seeds = 3;
    private const int Points = 200;

    // The report reads recorded fits and draws their intervals; how many resamples made an interval changes nothing
    // it writes but the digits, and 100 keep the setup's ~1,050 distinct fits to seconds.
    private static readonly FitOptions Fit = new() { BootstrapResamples = 100 };
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-report-bench-").FullName;

    private string Ledger => Path.Combine(_folder, "ledger.db");
    private string Out => Path.Combine(_folder, "report");

    [GlobalSetup]
    public void Setup() => Build(Ledger);

    /// <summary>Writes the benchmark's ledger to <paramref name="ledger"/>, for the `report-ledger` command's process measurements too.</summary>
    public static void Build(string ledger)
    {
        using var store = LiteDbLedgerStore.Open(ledger);
        var main = Enumerable.Range(0, Recipes).ToArray();
        long? baseline = null;
        for (var i = 0; i < Snapshots; i++)
        {
            var onMain = i % 2 == 0;
            var versions = (int[])main.Clone();
            var changed = onMain ? i / 2 % Recipes : i * 7 % Recipes;
            // A version number unique to this build: main's changes stay, a pull request's are gone at the next main build.
            versions[changed] = Recipes + i;
            if (onMain)
                main = versions;
            var draft = new SnapshotDraft($"{i:x4}{i * 2654435761L:x12}", onMain ? "main" : $"pr/{i}", DateTimeOffset.UnixEpoch.AddHours(i));
            var snapshot = store.Append(draft, versions.SelectMany((v, r) => RecipeRuns(r, v)).ToList()).Snapshot;
            var verdicts = Verdicts(snapshot.Id, baseline, changed);
            store.RecordVerdicts(verdicts, GateSummary.OfDocument(snapshot.Id, GateJson.Write(Gate(draft, verdicts), indented: false)));
            if (onMain)
                baseline = snapshot.Id;
        }
        SnapshotFits.Record(store, SnapshotFits.Resolve(store, store.GetSnapshots(), Fit));
    }

    [Benchmark]
    public int Report1000SnapshotsOf50Recipes()
    {
        using var store = LiteDbLedgerStore.OpenExisting(Ledger);
        return ReportUseCase.Run(new ReportRequest(Out, null, null, null, null, Fit), store).Files.Count;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    private static List<StoredVerdict> Verdicts(long snapshot, long? baseline, int changed) => Enumerable.Range(0, Recipes)
        .Select(r => baseline is null
            ? new StoredVerdict(snapshot, Name(r), "new", null, null, null, null, false, null)
            : r == changed
                ? new StoredVerdict(snapshot, Name(r), snapshot % 3 == 0 ? "regressed" : "improved", baseline, 0.02, 0.01, 0.03, false, "A moved by 0.02")
                : new StoredVerdict(snapshot, Name(r), "pass", baseline, 0.0, -0.01, 0.01, false, null))
        .ToList();

    /// <summary>The gate's document for the verdicts, as `ledger gate` keeps it: A where the verdicts leave it open is 0.7.</summary>
    private static GateReport Gate(SnapshotDraft draft, IReadOnlyList<StoredVerdict> verdicts) => new(draft.Commit, draft.Branch, "main@0000000", new GateOptions(),
        verdicts.Select(v => new RecipeVerdict(v.Recipe, Enum.Parse<VerdictKind>(v.Verdict, ignoreCase: true), 0.7, new Interval(0.69, 0.71),
            v.DeltaA is { } d ? 0.7 - d : null, v.DeltaA, v.Lower is { } lower ? new Interval(lower, v.Upper!.Value) : Interval.None, 0.5, false, v.Reason ?? "",
            null, false)).ToList(),
        verdicts.ToDictionary(v => v.Recipe, v => (IReadOnlyList<string>)[$"runs/{v.Recipe}/seed1.csv"]));

    /// <summary>Three seeds of one version of a recipe: a sigmoid in log compute whose ceiling moves a little from version to version.</summary>
    private static IEnumerable<RunLog> RecipeRuns(int recipe, int version) => Enumerable.Range(1, Seeds).Select(seed =>
    {
        var random = new Random(recipe * 1_000_003 + version * 31 + seed);
        var a = 0.6 + recipe / 250.0 + 0.01 * Math.Sin(version);
        var points = Enumerable.Range(0, Points)
            .Select(i => 100 * Math.Pow(500, i / (Points - 1.0)))
            .Select(c => new CurvePoint(c, 0.05 + (a - 0.05) / (1 + Math.Pow(4_000 / c, 1.4)) + 0.01 * (random.NextDouble() - 0.5)))
            .ToArray();
        return new RunLog(Name(recipe), $"seed{seed}", $"runs/{Name(recipe)}/v{version}/seed{seed}.csv", "csv",
            ComputeMapping.FromColumn("compute"), "reward", points, []);
    });

    private static string Name(int recipe) => $"recipe-{recipe:00}";
}
