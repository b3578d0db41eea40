using Ledger.Core.Changes;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>
/// Drift in the gate: each recipe's A along the baseline branch from a reference (--reference, else the oldest of the last
/// <see cref="Window"/> snapshots of the branch up to the baseline) to this build, read from the stored fits and
/// segmented as `ledger changes` segments it (from after its newest acknowledged change). The level at the start against
/// the level that ends with this build is the drift <see cref="GateRule"/> weighs; the changes found are the ones the
/// gate's summary mentions. A change at a build the gate already judged regressed or allowed was reported when it
/// happened: it is not drift, and the drift is measured from after it, as after an acknowledged change.
/// </summary>
public static class GateDrift
{
    /// <summary>Snapshots of the baseline branch the gate looks back over by default: a drift slower than this is `ledger changes`' to find.</summary>
    public const int Window = 20;

    /// <param name="Reference">Where the history read starts, as the report names a snapshot ("main@3f2a1c9").</param>
    /// <param name="Changes">The changes found in the build's recipes over that history, this build included.</param>
    public sealed record Outcome(string Reference, IReadOnlyDictionary<string, DriftFinding> Findings, IReadOnlyList<DetectedChange> Changes);

    /// <param name="snapshots">Every snapshot of the ledger, oldest first.</param>
    /// <param name="now">The build's fits by recipe.</param>
    /// <param name="referenceOption">--reference: a commit (or its prefix) of the baseline branch; null for the window.</param>
    /// <returns>Null without a baseline: there is no branch to read.</returns>
    /// <exception cref="Diagnostics.LedgerInputException">LEDGER124: --reference names no commit of the baseline branch.</exception>
    public static Outcome? Find(ILedgerStore store, IReadOnlyList<Snapshot> snapshots, Snapshot current, Snapshot? baseline, string? referenceOption,
        IReadOnlyDictionary<string, SnapshotRecipeFit> now, FitOptions fit, GateOptions gate, SeedPriors priors, AllowList allowList)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(gate);
        if (baseline is null)
            return null;
        var branch = snapshots.Where(s => s.Branch == baseline.Branch && s.Id <= baseline.Id).ToList();
        var history = referenceOption is { } reference
            ? branch.Skip(Baselines.IndexOfCommit(branch, reference, "--reference", baseline.Branch)).ToList()
            : branch.TakeLast(Window).ToList();
        var identified = now.Values.Where(f => f.Fit.IdentifiedAsymptote is not null).ToDictionary(f => f.Recipe, StringComparer.Ordinal);
        var read = BranchAsymptotes.Read(store, history.Select(SnapshotRunSets.Of).ToList(), fit, identified.ContainsKey, priors: priors);
        var judged = JudgedCommits(store, history);
        var findings = new Dictionary<string, DriftFinding>(StringComparer.Ordinal);
        var changes = new List<DetectedChange>();
        foreach (var series in read.Series)
        {
            var build = identified[series.Recipe].Fit;
            var withBuild = series.Append(current.Commit, AsymptoteUncertainty.Of(build, priors.For(build.Metric)), build.InputDigest);
            var rule = new ChangeRule(gate.ToleranceFor(series.Recipe), gate.Alpha, gate.ConfidenceLevel);
            var segmented = RecipeChanges.Of(withBuild, rule, allowList.Acknowledgements);
            changes.AddRange(segmented.Changes);
            var reported = segmented.Changes
                .Where(c => c.Commits.Any(commit => judged.Contains((series.Recipe, commit))))
                .Select(c => new Acknowledgement(series.Recipe, c.Commit, "judged by the gate at its own build"))
                .ToList();
            if (reported.Count > 0)
                segmented = RecipeChanges.Of(withBuild, rule, [.. allowList.Acknowledgements, .. reported]);
            if (Finding(withBuild, segmented.Current, rule, gate.LowerIsBetter, baseline.Branch) is { } finding)
                findings[series.Recipe] = finding;
        }
        return new Outcome(history.Count > 0 ? Baselines.Label(history[0]) : Baselines.Label(baseline), findings, changes);
    }

    /// <summary>The (recipe, commit) of every build of the history the gate judged regressed or allowed, from the verdicts it recorded.</summary>
    private static HashSet<(string Recipe, string Commit)> JudgedCommits(ILedgerStore store, IReadOnlyList<Snapshot> history)
    {
        var commits = history.ToDictionary(s => s.Id, s => s.Commit);
        var failing = new[] { VerdictKind.Regressed.Name(), VerdictKind.Allowed.Name() };
        return store.GetVerdicts(commits.Keys.ToList())
            .SelectMany(entry => entry.Value.Where(v => failing.Contains(v.Verdict)).Select(v => (v.Recipe, commits[entry.Key])))
            .ToHashSet();
    }

    /// <summary>The level the newest stretch starts at against the level it ends at (with this build); null when it is one level.</summary>
    private static DriftFinding? Finding(AsymptoteSeries series, Segmentation stretch, ChangeRule rule, bool lowerIsBetter, string branch)
    {
        if (stretch.Plateaus.Count < 2)
            return null;
        var (first, last) = (stretch.Plateaus[0], stretch.Plateaus[^1]);
        var test = ChangeTest.Of(last.Level, first.Level, rule.Tolerance, lowerIsBetter, rule.Alpha);
        var measurements = last.Last - first.First + 1;
        var began = stretch.Changes.FirstOrDefault(c => lowerIsBetter ? c.Delta > 0 : c.Delta < 0);
        var reference = $"{branch}@{Reporting.AppendText.ShortCommit(series.Commits[series.Observations[first.First].First])}";
        return new DriftFinding(reference, first.Level, last.Level, test, ChangeRule.AdjustedP(test.PWorse, measurements), began);
    }
}
