namespace Ledger.Core.Storage;

/// <summary>
/// What the gate learned from the points of one set of runs, kept so that the next gate of the same snapshot need
/// not load them again: the run logs they came from and whether they leave a baseline fit's prediction band. Both
/// are functions of immutable data alone (runs are content-addressed and keep their first path; a fit is a function
/// of its inputs), so a fact can never go stale; only its key can stop matching.
/// </summary>
/// <param name="RunSet">Identifies the runs (see <see cref="Pipeline.GateFacts"/>).</param>
/// <param name="Sources">The runs' source paths as stored, distinct, in ordinal order.</param>
/// <param name="BaselineFit">Identifies the baseline fit <paramref name="RegimeChange"/> was judged against; null when none was.</param>
/// <param name="RegimeChange">Whether the runs' points leave that fit's prediction band; null when not judged.</param>
public sealed record GateFact(string RunSet, IReadOnlyList<string> Sources, string? BaselineFit, bool? RegimeChange);

/// <summary>The facts one gate call used for one snapshot, all of them, so the latest set alone serves the next call.</summary>
public sealed record GateFacts(long SnapshotId, IReadOnlyList<GateFact> Facts);
