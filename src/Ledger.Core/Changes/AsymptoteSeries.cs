using Ledger.Core.Gating;

namespace Ledger.Core.Changes;

/// <summary>
/// One measurement of a recipe's A along a branch: one fit, recorded on the snapshots at positions <paramref name="First"/>
/// to <paramref name="Last"/> of the branch, with its seed-level uncertainty. A fit whose runs did not change between
/// commits is one measurement however many snapshots record it: counting it once per snapshot would make one draw of
/// the seeds look like many.
/// </summary>
public sealed record AsymptoteObservation(int First, int Last, SeedLevelEstimate A);

/// <summary>
/// A recipe's A along a branch, oldest first: every commit of the branch by position (snapshots whose fit cannot tell A,
/// or that do not hold the recipe, have a position but no observation), and the observations in position order.
/// </summary>
public sealed record AsymptoteSeries(string Recipe, IReadOnlyList<string> Commits, IReadOnlyList<AsymptoteObservation> Observations)
{
    /// <summary>The same series from the observation <paramref name="from"/> on, to <paramref name="to"/> (inclusive).</summary>
    public AsymptoteSeries Slice(int from, int to) => this with { Observations = Observations.Skip(from).Take(to - from + 1).ToList() };
}
