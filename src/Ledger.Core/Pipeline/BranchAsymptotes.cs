using Ledger.Core.Changes;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>
/// The recipes' A along a branch as the ledger recorded it, with the seed-level uncertainty every verb reads A with
/// (<see cref="AsymptoteUncertainty"/>, the seed prior pooled per metric over the distinct fits read, or the one stated).
/// Stored fits only, never a refit. A fit is a function of its runs, options and fitter, and a recipe's runs usually stay
/// the same over many commits: so the snapshots' cells (snapshot, recipe) are grouped by their runs (their
/// <see cref="RunSet"/>, as the store gives them), and each group's fit is the one recorded, with these options by this
/// fitter and from exactly those runs (its payload names them), on any snapshot of the group. The store is asked for the
/// fits' identities on as few snapshots as cover every group (each group's snapshots are an interval, and the ends of the
/// earliest-ending intervals stab them all), then for each distinct fit once, which is parsed once; consecutive snapshots
/// with the same fit are one measurement. A group no snapshot has a fit for is not measured.
/// </summary>
public static class BranchAsymptotes
{
    /// <param name="snapshots">The branch's snapshots, oldest first, with their run sets.</param>
    /// <param name="includeRecipe">Which recipes to read; every recipe when null.</param>
    /// <param name="priors">The seed priors to read A with; null to pool them over the fits read (or from <paramref name="seedSd"/>).</param>
    public static BranchHistory Read(ILedgerStore store, IReadOnlyList<SnapshotRunSets> snapshots, FitOptions options, Func<string, bool>? includeRecipe = null,
        double? seedSd = null, SeedPriors? priors = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(options);
        var recipes = snapshots.SelectMany(s => s.Recipes.Keys).Where(r => includeRecipe?.Invoke(r) ?? true).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
        var groups = RunGroups(snapshots, recipes.ToHashSet(StringComparer.Ordinal));
        var fits = FitsOf(store, snapshots, groups, options);
        var seedPriors = priors ?? SeedPriors.From(fits.Values.Select(f => f.Fit), seedSd);
        var commits = snapshots.Select(s => s.Commit).ToList();
        var byRecipe = groups.GroupBy(g => g.Recipe, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        // Each recipe's series is its own (its A read once per distinct fit, 50,000 of them for 1,000 recipes): in parallel, in recipe order.
        var series = recipes.AsParallel().AsOrdered().Select(recipe =>
        {
            var atPosition = new CurveFit?[snapshots.Count];
            foreach (var group in byRecipe[recipe].Where(fits.ContainsKey))
            {
                foreach (var position in group.Positions)
                    atPosition[position] = fits[group].Fit;
            }
            return AsymptoteSeries.From(recipe, commits, atPosition, seedPriors);
        }).ToList();
        var unfitted = recipes.ToDictionary(recipe => recipe, recipe => byRecipe[recipe].Where(g => !fits.ContainsKey(g)).Sum(g => g.Positions.Count),
            StringComparer.Ordinal);
        return new BranchHistory(snapshots, series, seedPriors, unfitted);
    }

    private const int PayloadBatch = 10_000;

    /// <summary>A recipe's snapshots that hold the same runs: their run set, and their positions along the branch, in order.</summary>
    private sealed class RunGroup(string recipe, RunSet runs)
    {
        public string Recipe { get; } = recipe;
        public RunSet Runs { get; } = runs;
        public List<int> Positions { get; } = [];

        /// <summary>The end of the first stretch of consecutive positions: a snapshot that holds this group, as late as that stretch allows.</summary>
        public int FirstStretchEnd
        {
            get
            {
                var end = 0;
                while (end + 1 < Positions.Count && Positions[end + 1] == Positions[end] + 1)
                    end++;
                return Positions[end];
            }
        }
    }

    /// <summary>Every wanted recipe's run groups, in one pass over the snapshots.</summary>
    private static List<RunGroup> RunGroups(IReadOnlyList<SnapshotRunSets> snapshots, HashSet<string> recipes)
    {
        var groups = new Dictionary<(string Recipe, RunSet Runs), RunGroup>();
        var previous = new Dictionary<string, RunGroup>(StringComparer.Ordinal);
        for (var position = 0; position < snapshots.Count; position++)
        {
            foreach (var (recipe, runs) in snapshots[position].Recipes)
            {
                if (!recipes.Contains(recipe))
                    continue;
                // Most commits keep a recipe's runs: the previous group, without looking the run set up.
                if (!previous.TryGetValue(recipe, out var group) || group.Runs != runs)
                {
                    if (!groups.TryGetValue((recipe, runs), out group))
                        groups[(recipe, runs)] = group = new RunGroup(recipe, runs);
                    previous[recipe] = group;
                }
                group.Positions.Add(position);
            }
        }
        return [.. groups.Values];
    }

    /// <summary>
    /// Each group's stored fit. First the snapshots that stab every group's first stretch: the store gives the identities
    /// of their fits with the summaries (<see cref="FitSummaryText"/>) of those made with these options, in one read, and each
    /// input digest not seen yet is parsed (<see cref="ReadStabbed"/>). A group whose fit is not there is then looked for on its other snapshots, their
    /// fits' identities first and then the payloads not parsed yet; unless the stabbing snapshots hold fits and none of them
    /// was made with these options: then the branch was fitted with others, and looking on every snapshot (1,000,000 fit
    /// records on a ledger of 1,000 recipes x 1,000 commits) would only confirm it. A fit counts when it was made with these
    /// options by this fitter from exactly the group's runs; a summary or payload that cannot be read is left out (as when
    /// fits are resolved).
    /// </summary>
    private static Dictionary<RunGroup, (CurveFit Fit, string Digest)> FitsOf(ILedgerStore store, IReadOnlyList<SnapshotRunSets> snapshots, List<RunGroup> groups,
        FitOptions options)
    {
        var origin = FitRecords.OriginOf(options);
        var found = new Dictionary<RunGroup, (CurveFit, string)>();
        var parsed = new Dictionary<string, (CurveFit Fit, RunSet Runs)?>(StringComparer.Ordinal);
        var stabbed = Stabbing(groups).ToHashSet();
        var wanted = groups.SelectMany(g => g.Positions.Where(stabbed.Contains).Select(p => (position: p, g))).ToList();
        // Most often every group's fit is on the stabbing snapshots: nothing else to look for.
        if (ReadStabbed(store, snapshots, wanted, origin, parsed, found) is { Read: > 0, MadeWith: 0 } || found.Count == groups.Count)
            return found;
        var read = new HashSet<(int Position, string Recipe)>();
        while (true)
        {
            read.UnionWith(wanted.Select(w => (w.position, w.g.Recipe)));
            wanted = groups.Where(g => !found.ContainsKey(g))
                .SelectMany(g => g.Positions.Where(p => !read.Contains((p, g.Recipe))).Select(p => (position: p, g)))
                .ToList();
            if (wanted.Count == 0)
                return found;
            var recorded = store.GetFitIdentities(wanted.Select(w => new SnapshotRecipe(snapshots[w.position].Id, w.g.Recipe)).Distinct().ToList())
                .ToDictionary(r => r.Key, r => r.Value.Where(origin.Made).ToDictionary(f => f.Recipe, StringComparer.Ordinal));
            var candidates = wanted.Select(w => (w.g, Identity: recorded[snapshots[w.position].Id].GetValueOrDefault(w.g.Recipe)))
                .Where(c => c.Identity is not null)
                .Select(c => (c.g, c.Identity!))
                .ToList();
            // In batches, each parsed before the next is read, so that the payloads' text (220 MB for 50,000) is never all held at once.
            foreach (var batch in candidates.Select(c => c.Item2).Where(f => !parsed.ContainsKey(f.InputDigest)).DistinctBy(f => f.InputDigest).Chunk(PayloadBatch))
            {
                var payloads = store.GetFitPayloads(batch.Select(f => f.Sequence).ToList());
                Parse(batch.Where(f => payloads.ContainsKey(f.Sequence)).Select(f => (f, new ReadOnlyMemory<byte>(FitSummaryText.Of(payloads[f.Sequence])))).ToArray(),
                    parsed);
            }
            Match(candidates, parsed, found);
        }
    }

    /// <summary>
    /// The stabbing snapshots' fits (<paramref name="wanted"/>, by group then position), a few snapshots at a time: each
    /// read's new summaries are parsed while the next is read, and no more than <see cref="PayloadBatch"/> summaries' text
    /// is held at once beyond the one being parsed.
    /// </summary>
    /// <returns>How many fits were read, and how many of them were made with these options (<paramref name="origin"/>).</returns>
    private static (int Read, int MadeWith) ReadStabbed(ILedgerStore store, IReadOnlyList<SnapshotRunSets> snapshots, List<(int Position, RunGroup Group)> wanted,
        FitOrigin origin, Dictionary<string, (CurveFit Fit, RunSet Runs)?> parsed, Dictionary<RunGroup, (CurveFit, string)> found)
    {
        var candidates = new List<(int Order, RunGroup Group, FitIdentity Identity)>();
        var requested = new HashSet<string>(StringComparer.Ordinal);
        var (read, madeWith) = (0, 0);
        var parsing = Task.CompletedTask;
        foreach (var chunk in Chunks(wanted.Select((w, order) => (w.Position, w.Group, Order: order)).GroupBy(w => w.Position).OrderBy(p => p.Key)))
        {
            // A recipe is in one group at a position: the cells are distinct.
            var recorded = store.GetFitIdentitiesWithSummaries(chunk.SelectMany(p => p.Select(w => new SnapshotRecipe(snapshots[w.Position].Id, w.Group.Recipe)))
                .ToList(), origin);
            var batch = new List<(FitIdentity, ReadOnlyMemory<byte>)>();
            foreach (var position in chunk)
            {
                read += recorded[snapshots[position.Key].Id].Count;
                var ofOrigin = recorded[snapshots[position.Key].Id].Where(f => f.Summary is not null).ToDictionary(f => f.Identity.Recipe, StringComparer.Ordinal);
                madeWith += ofOrigin.Count;
                foreach (var (_, group, order) in position)
                {
                    if (ofOrigin.GetValueOrDefault(group.Recipe) is not { } fit)
                        continue;
                    candidates.Add((order, group, fit.Identity));
                    if (requested.Add(fit.Identity.InputDigest))
                        batch.Add((fit.Identity, fit.Summary!.Value));
                }
            }
            parsing.GetAwaiter().GetResult();
            var next = batch.ToArray();
            parsing = Task.Run(() => Parse(next, parsed));
        }
        parsing.GetAwaiter().GetResult();
        Match([.. candidates.OrderBy(c => c.Order).Select(c => (c.Group, c.Identity))], parsed, found);
        return (read, madeWith);
    }

    /// <summary>The stabbing snapshots in runs of whole snapshots of about <see cref="PayloadBatch"/> fits each.</summary>
    private static IEnumerable<List<IGrouping<int, (int Position, RunGroup Group, int Order)>>> Chunks(
        IEnumerable<IGrouping<int, (int Position, RunGroup Group, int Order)>> positions)
    {
        var (chunk, cells) = (new List<IGrouping<int, (int, RunGroup, int)>>(), 0);
        foreach (var position in positions)
        {
            chunk.Add(position);
            cells += position.Count();
            if (cells >= PayloadBatch)
            {
                yield return chunk;
                (chunk, cells) = ([], 0);
            }
        }
        if (chunk.Count > 0)
            yield return chunk;
    }

    /// <summary>Each group not found yet takes the first of its candidates whose parsed fit is of exactly its runs.</summary>
    private static void Match(List<(RunGroup Group, FitIdentity Identity)> candidates, Dictionary<string, (CurveFit Fit, RunSet Runs)?> parsed,
        Dictionary<RunGroup, (CurveFit, string)> found)
    {
        foreach (var (group, identity) in candidates)
        {
            if (!found.ContainsKey(group) && parsed.GetValueOrDefault(identity.InputDigest) is { } fit && fit.Runs == group.Runs)
                found[group] = (fit.Fit, identity.InputDigest);
        }
    }

    /// <summary>Interval stabbing: the fewest positions such that each group's first stretch holds one (greedy by the stretches' ends, which is optimal).</summary>
    private static List<int> Stabbing(IEnumerable<RunGroup> groups)
    {
        var chosen = new List<int>();
        foreach (var (start, end) in groups.Select(g => (Start: g.Positions[0], End: g.FirstStretchEnd)).OrderBy(s => s.End))
        {
            if (chosen.Count == 0 || chosen[^1] < start)
                chosen.Add(end);
        }
        return chosen;
    }

    /// <param name="distinct">Fits with their summaries (or payloads), as UTF-8.</param>
    private static void Parse((FitIdentity Identity, ReadOnlyMemory<byte> Summary)[] distinct, Dictionary<string, (CurveFit Fit, RunSet Runs)?> parsed)
    {
        var results = new (CurveFit, RunSet)?[distinct.Length];
        Parallel.For(0, distinct.Length, i =>
        {
            try
            {
                var (fit, runs) = FitRecords.AsymptoteOf(distinct[i].Identity, distinct[i].Summary.Span);
                results[i] = (fit, RunSet.Of(runs));
            }
            catch (FormatException)
            {
                results[i] = null;
            }
        });
        for (var i = 0; i < distinct.Length; i++)
            parsed[distinct[i].Identity.InputDigest] = results[i];
    }
}

/// <summary>A branch's snapshots (oldest first), each recipe's A along them, the seed priors it was read with, and how many snapshots of each recipe had no stored fit.</summary>
public sealed record BranchHistory(IReadOnlyList<SnapshotRunSets> Snapshots, IReadOnlyList<AsymptoteSeries> Series, SeedPriors Priors,
    IReadOnlyDictionary<string, int> Unfitted);
