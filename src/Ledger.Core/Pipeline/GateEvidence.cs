using System.Security.Cryptography;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>What the gate needs from a recipe's runs besides its fit: the logs to point at, and the regime-change flag (null when not judged).</summary>
public sealed record RecipeEvidence(IReadOnlyList<string> Sources, bool? RegimeChange);

/// <summary>
/// The part of the gate that needs runs rather than fits: each recipe's source logs and, where both fits are ok,
/// whether the current points leave the baseline fit's prediction band. Taken from the facts the snapshot's last gate
/// recorded when they are about the same runs and the same baseline fit (a rerun then loads no point), else worked out
/// from the runs, loaded once for every recipe that needs them. Verdicts themselves are always decided afresh: they
/// also depend on the options, the allow-list and today's date.
/// </summary>
public static class GateEvidence
{
    private const string RunSetEncoding = "ledger.run-set/1";

    /// <param name="baseline">The baseline snapshot, or null. Its own gate's facts serve too: a new commit whose logs did not
    /// change has the baseline's runs, judged against a baseline fit of the same identity.</param>
    /// <param name="now">The snapshot's fits by recipe.</param>
    /// <param name="before">The baseline's fits by recipe; empty without a baseline.</param>
    /// <param name="window">
    /// The fits' compute window: only the points inside it are held against the baseline fit's band, since the curve was
    /// fitted there and says nothing of the noisy start a window leaves out.
    /// </param>
    /// <returns>Evidence for every recipe of either, and the facts to record for the next gate of <paramref name="current"/>.</returns>
    public static (IReadOnlyDictionary<string, RecipeEvidence> ByRecipe, GateFacts Facts) Gather(ILedgerStore store, Snapshot current, Snapshot? baseline,
        IReadOnlyDictionary<string, SnapshotRecipeFit> now, IReadOnlyDictionary<string, SnapshotRecipeFit> before, ComputeWindow? window = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(current);
        var recorded = store.GetGateFacts(current.Id).ToDictionary(f => f.RunSet, StringComparer.Ordinal);
        foreach (var fact in baseline is null ? [] : store.GetGateFacts(baseline.Id))
            recorded.TryAdd(fact.RunSet, fact);
        var wanted = now.Keys.Union(before.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(recipe =>
        {
            // A missing recipe has no runs in this build; its baseline's logs are the ones to point at.
            var owner = now.GetValueOrDefault(recipe) ?? before[recipe];
            var baselineFit = now.TryGetValue(recipe, out var mine) && before.TryGetValue(recipe, out var theirs)
                && mine.Fit.Status == FitStatus.Ok && theirs.Fit.Status == FitStatus.Ok ? theirs : null;
            var fact = recorded.GetValueOrDefault(RunSet(owner.RunDigests));
            var known = fact is not null && (baselineFit is null || fact.BaselineFit == FitIdentity(baselineFit.Record)) ? fact : null;
            return (Recipe: recipe, Owner: owner, BaselineFit: baselineFit, Known: known);
        }).ToList();

        var runs = RunsOf(store, wanted.Where(w => w.Known is null).Select(w => w.Owner).ToList());
        var facts = wanted.Select(w =>
        {
            if (w.Known is { } known)
                return w.BaselineFit is null ? known with { BaselineFit = null, RegimeChange = null } : known;
            var recipeRuns = HeldRuns.Of(runs, w.Owner.Snapshot.Id, w.Owner.RunDigests);
            var sources = recipeRuns.Select(run => run.SourcePath).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return w.BaselineFit is { } baseline
                ? new GateFact(RunSet(w.Owner.RunDigests), sources, FitIdentity(baseline.Record),
                    RegimeChange.Detect(baseline.Fit, recipeRuns.SelectMany(run => run.Points).Where(p => window?.Contains(p.Compute) ?? true).ToList()))
                : new GateFact(RunSet(w.Owner.RunDigests), sources, null, null);
        }).ToList();

        var byRecipe = wanted.Select((w, i) => (w.Recipe, Evidence: new RecipeEvidence(facts[i].Sources, facts[i].RegimeChange)))
            .ToDictionary(x => x.Recipe, x => x.Evidence, StringComparer.Ordinal);
        return (byRecipe, new GateFacts(current.Id, facts));
    }

    /// <summary>The runs of these fits by digest: those the fit step loaded already, the others from the ledger in one call.</summary>
    private static Dictionary<string, StoredRun> RunsOf(ILedgerStore store, IReadOnlyList<SnapshotRecipeFit> fits)
    {
        var runs = fits.SelectMany(f => f.LoadedRuns ?? []).DistinctBy(run => run.Digest).ToDictionary(run => run.Digest, StringComparer.Ordinal);
        var missing = fits.SelectMany(f => f.RunDigests).Where(digest => !runs.ContainsKey(digest)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var run in store.GetRuns(missing))
            runs[run.Digest] = run;
        return runs;
    }

    /// <summary>One key for a set of runs: SHA-256 over their digests in ordinal order.</summary>
    private static string RunSet(IReadOnlyList<string> digests) =>
        Digest([RunSetEncoding, .. digests.Order(StringComparer.Ordinal)]);

    /// <summary>Everything a fit is a function of: a fit with the same identity is the same fit, bit for bit.</summary>
    private static string FitIdentity(StoredFit fit) =>
        Digest([fit.Recipe, fit.Model, fit.OptionsDigest, fit.FitterVersion, fit.InputDigest]);

    private static string Digest(IEnumerable<string> parts)
    {
        var writer = new CanonicalWriter();
        foreach (var part in parts)
            writer.WriteString(part);
        return Convert.ToHexStringLower(SHA256.HashData(writer.WrittenSpan));
    }
}
