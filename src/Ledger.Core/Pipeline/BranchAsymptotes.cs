using Ledger.Core.Changes;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>
/// The recipes' A along a branch as the ledger recorded it: each snapshot's fit of each recipe made with the given options
/// by this fitter, with the seed-level uncertainty every verb reads A with (<see cref="AsymptoteUncertainty"/>, the seed
/// prior pooled per metric over the distinct fits read, or the one stated). Stored fits only, never a refit: a snapshot
/// without one has a commit but no measurement. One fit is usually recorded on many snapshots (the same runs), so each
/// distinct fit is read once, and consecutive snapshots with the same fit are one measurement.
/// </summary>
public static class BranchAsymptotes
{
    /// <param name="snapshots">The branch's snapshots, oldest first.</param>
    /// <param name="includeRecipe">Which recipes to read; every recipe when null.</param>
    /// <param name="priors">The seed priors to read A with; null to pool them over the fits read (or from <paramref name="seedSd"/>).</param>
    public static BranchHistory Read(ILedgerStore store, IReadOnlyList<Snapshot> snapshots, FitOptions options, Func<string, bool>? includeRecipe = null,
        double? seedSd = null, SeedPriors? priors = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(options);
        var recipes = snapshots.SelectMany(s => s.Recipes.Keys).Where(r => includeRecipe?.Invoke(r) ?? true).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
        var wanted = recipes.ToHashSet(StringComparer.Ordinal);
        var recorded = store.GetFits(snapshots.SelectMany(s => s.Recipes.Keys.Where(wanted.Contains).Select(r => new SnapshotRecipe(s.Id, r))).ToList());
        var chosen = snapshots.Select(s => recorded.GetValueOrDefault(s.Id, [])
                .Where(f => wanted.Contains(f.Recipe) && FitRecords.MadeWith(f, options))
                .ToDictionary(f => f.Recipe, StringComparer.Ordinal))
            .ToList();
        var fits = ReadDistinct(chosen.SelectMany(c => c.Values));
        var seedPriors = priors ?? SeedPriors.From(fits.Values, seedSd);
        var commits = snapshots.Select(s => s.Commit).ToList();
        var series = recipes.Select(recipe => AsymptoteSeries.From(recipe, commits,
            chosen.Select(c => c.TryGetValue(recipe, out var stored) ? fits.GetValueOrDefault(stored.InputDigest) : null).ToList(), seedPriors)).ToList();
        var unfitted = recipes.ToDictionary(recipe => recipe,
            recipe => snapshots.Select((s, i) => s.Recipes.ContainsKey(recipe) && !chosen[i].ContainsKey(recipe)).Count(missing => missing), StringComparer.Ordinal);
        return new BranchHistory(snapshots, series, seedPriors, unfitted);
    }

    /// <summary>Each distinct stored fit, by input digest, read once; a payload that cannot be read is left out (as when fits are resolved).</summary>
    private static Dictionary<string, CurveFit> ReadDistinct(IEnumerable<StoredFit> stored)
    {
        var distinct = stored.DistinctBy(f => f.InputDigest).ToArray();
        var read = new CurveFit?[distinct.Length];
        Parallel.For(0, distinct.Length, i =>
        {
            try
            {
                read[i] = FitRecords.AsymptoteOf(distinct[i]);
            }
            catch (FormatException)
            {
                read[i] = null;
            }
        });
        return distinct.Select((f, i) => (f.InputDigest, Fit: read[i])).Where(x => x.Fit is not null)
            .ToDictionary(x => x.InputDigest, x => x.Fit!, StringComparer.Ordinal);
    }
}

/// <summary>A branch's snapshots (oldest first), each recipe's A along them, the seed priors it was read with, and how many snapshots of each recipe had no stored fit.</summary>
public sealed record BranchHistory(IReadOnlyList<Snapshot> Snapshots, IReadOnlyList<AsymptoteSeries> Series, SeedPriors Priors,
    IReadOnlyDictionary<string, int> Unfitted);
