using Ledger.Core.Gating;
using Ledger.Core.Provenance;
using Ledger.Core.Storage;

using Ledger.Core.Reporting;

namespace Ledger.Core.Pipeline;

/// <summary>
/// `ledger gate`: fits the build's snapshot and its baseline (recording any fit computed), decides every recipe
/// with <see cref="GateRule"/>, and records the verdicts on the build's snapshot.
/// </summary>
public static class GateUseCase
{
    /// <exception cref="Diagnostics.LedgerInputException">LEDGER123 no snapshot for the build; LEDGER124 an unknown baseline commit.</exception>
    public static GateOutcome Run(GateRequest request, ILedgerStore store, IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        var build = BuildProvenance.Detect(request.CommitOption, request.BranchOption, request.Environment, request.BaseDirectory);
        var current = BuildSnapshots.Current(store, build);
        var currentFits = SnapshotFits.Resolve(store, [current], request.Fit, progress: progress);
        SnapshotFits.Record(store, currentFits);
        return Decide(request, store, current, currentFits, build.BaseBranch, progress);
    }

    /// <summary>
    /// Gates a snapshot whose fits (under <paramref name="request"/>'s fit options) are already resolved and recorded,
    /// as `ledger check` has them from its fit step: its runs are then not loaded a second time.
    /// </summary>
    /// <param name="pullRequestTarget">The branch a pull request targets, when CI says the build is one.</param>
    public static GateOutcome Decide(GateRequest request, ILedgerStore store, Snapshot current, IReadOnlyList<SnapshotRecipeFit> currentFits,
        string? pullRequestTarget, IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(currentFits);
        var snapshots = store.GetSnapshots();
        var baseline = Baselines.Find(snapshots, current, request.BaselineOption, pullRequestTarget);
        var baselineFits = baseline is null ? [] : SnapshotFits.Resolve(store, [baseline], request.Fit, progress: progress);
        SnapshotFits.Record(store, baselineFits);
        var now = currentFits.ToDictionary(f => f.Recipe, StringComparer.Ordinal);
        var before = baselineFits.ToDictionary(f => f.Recipe, StringComparer.Ordinal);
        var fallbacks = baseline is null ? new Dictionary<string, BaselineFallback.Fallback>() : BaselineFallback.Find(store, snapshots, baseline, now, before, request.Fit);
        foreach (var (recipe, older) in fallbacks)
            before[recipe] = older.Fit;
        var (evidence, facts) = GateEvidence.Gather(store, current, baseline, now, before, request.Fit.Window);
        var modelFreeRuns = ModelFreeRuns(store, now, before, request.Fit.Window);

        var recipes = evidence.Keys.Order(StringComparer.Ordinal).ToList();
        var sources = recipes.ToDictionary(
            recipe => recipe,
            recipe => (IReadOnlyList<string>)evidence[recipe].Sources.Select(s => RunLogPaths.Relative(s, request.BaseDirectory)).ToList(),
            StringComparer.Ordinal);
        var options = request.Gate with { RecipeTolerances = RecipeTolerances(sources, request.SourceTolerances) };
        var priors = SeedPriorPool.For(store, baseline, now.Values.Concat(before.Values).Select(f => f.Fit).ToList(), options.SeedSd);
        var drift = GateDrift.Find(store, snapshots, current, baseline, request.ReferenceOption, now, request.Fit, options, priors, request.AllowList);
        var inputs = recipes.Select(recipe => new GateInput(
            recipe, now.GetValueOrDefault(recipe)?.Fit, before.GetValueOrDefault(recipe)?.Fit, [], evidence[recipe].RegimeChange)
        {
            CurrentRuns = modelFreeRuns.GetValueOrDefault(recipe).Now,
            BaselineRuns = modelFreeRuns.GetValueOrDefault(recipe).Before,
            BaselineNote = fallbacks.TryGetValue(recipe, out var fallback) ? fallback.Note : null,
            Drift = drift?.Findings.GetValueOrDefault(recipe),
        }).ToList();
        var verdicts = GateRule.Decide(inputs, options, request.AllowList, current.Commit, request.Today, priors);
        var report = new GateReport(current.Commit, current.Branch, baseline is null ? null : Baselines.Label(baseline), options, verdicts, sources)
        {
            DriftReference = drift?.Reference,
            Changes = drift?.Changes ?? [],
        };
        store.RecordVerdicts(verdicts.Select(v => ToStored(v, current, baseline)).ToList(), GateSummary.OfDocument(current.Id, GateJson.Write(report, indented: false)), facts);
        return new GateOutcome(report, current, baseline);
    }

    /// <summary>
    /// The runs' points of both builds for each recipe in both whose fit cannot tell A on either side: the model-free
    /// comparison needs them. Loaded in one store call, only for those recipes.
    /// </summary>
    /// <param name="window">The fit window: the model-free comparison looks only where the fits do.</param>
    private static Dictionary<string, (IReadOnlyList<IReadOnlyList<Ingest.CurvePoint>>? Now, IReadOnlyList<IReadOnlyList<Ingest.CurvePoint>>? Before)> ModelFreeRuns(
        ILedgerStore store, IReadOnlyDictionary<string, SnapshotRecipeFit> now, IReadOnlyDictionary<string, SnapshotRecipeFit> before, Fitting.ComputeWindow? window)
    {
        var wanted = now.Keys
            .Where(recipe => before.TryGetValue(recipe, out var b) && (b.Fit.Status != Fitting.FitStatus.Ok || now[recipe].Fit.Status != Fitting.FitStatus.Ok))
            .ToList();
        if (wanted.Count == 0)
            return [];
        var digests = wanted.SelectMany(recipe => now[recipe].RunDigests.Concat(before[recipe].RunDigests)).Distinct(StringComparer.Ordinal).ToList();
        var runs = store.GetRuns(digests).ToDictionary(run => run.Digest, StringComparer.Ordinal);
        IReadOnlyList<IReadOnlyList<Ingest.CurvePoint>> Points(SnapshotRecipeFit fit) =>
            fit.RunDigests.Where(runs.ContainsKey)
                .Select(d => (IReadOnlyList<Ingest.CurvePoint>)runs[d].Points.Where(p => window is null || window.Contains(p.Compute)).ToList())
                .ToList();
        return wanted.ToDictionary(recipe => recipe, recipe => ((IReadOnlyList<IReadOnlyList<Ingest.CurvePoint>>?)Points(now[recipe]),
            (IReadOnlyList<IReadOnlyList<Ingest.CurvePoint>>?)Points(before[recipe])), StringComparer.Ordinal);
    }

    /// <summary>Each recipe whose run logs carry tolerances gets the strictest of them: a log cannot loosen another's gate.</summary>
    private static IReadOnlyDictionary<string, double> RecipeTolerances(IReadOnlyDictionary<string, IReadOnlyList<string>> sources,
        IReadOnlyDictionary<string, double>? sourceTolerances)
    {
        var tolerances = new Dictionary<string, double>(StringComparer.Ordinal);
        if (sourceTolerances is not { Count: > 0 })
            return tolerances;
        foreach (var (recipe, files) in sources)
        {
            var given = files.Where(sourceTolerances.ContainsKey).Select(file => sourceTolerances[file]).ToList();
            if (given.Count > 0)
                tolerances[recipe] = given.Min();
        }
        return tolerances;
    }

    /// <summary>The ledger's record of a verdict on <paramref name="current"/>, compared against <paramref name="baseline"/>.</summary>
    private static StoredVerdict ToStored(RecipeVerdict verdict, Snapshot current, Snapshot? baseline) => new(
        current.Id, verdict.Recipe, verdict.Verdict.Name(), baseline?.Id, verdict.DeltaA,
        verdict.DeltaInterval.IsKnown ? verdict.DeltaInterval.Lower : null,
        verdict.DeltaInterval.IsKnown ? verdict.DeltaInterval.Upper : null,
        verdict.RegimeChange, verdict.Reason);
}
