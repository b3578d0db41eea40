using Ledger.Core.Changes;

namespace Ledger.Core.Reporting.Html;

/// <summary>One level of a recipe's steps: from the snapshot <paramref name="FirstSnapshot"/> to <paramref name="LastSnapshot"/> at <paramref name="Level"/>.</summary>
public sealed record LevelSpan(long FirstSnapshot, long LastSnapshot, double Level);

/// <summary>A change to label on the plot: at its commit's snapshot, with a label made of hex digits or the snapshot's number only.</summary>
public sealed record ChangeMark(long Snapshot, string Label, bool Acknowledged);

/// <summary>
/// The steps of a recipe's A along a branch as the plot draws them: the levels of each stretch (a line through them, so a
/// drift slopes across the commits it spans) and every change, acknowledged ones too. Read from the same
/// <see cref="RecipeChanges"/> `ledger changes` reports, so the plot and the report cannot disagree.
/// </summary>
/// <param name="Descriptions">Each change in words, as the gate mentions it, for the page under the plot.</param>
/// <param name="Branch">The branch the steps are along: the baseline branch, whose snapshots the plot joins into a series.</param>
public sealed record AsymptoteSteps(IReadOnlyList<IReadOnlyList<LevelSpan>> Stretches, IReadOnlyList<ChangeMark> Changes, IReadOnlyList<string> Descriptions, string Branch)
{
    /// <param name="snapshotIds">The branch's snapshot ids by position in the series.</param>
    /// <param name="confidenceLevel">Of the intervals in the descriptions.</param>
    /// <param name="branch">The branch of the series.</param>
    public static AsymptoteSteps Of(RecipeChanges history, IReadOnlyList<long> snapshotIds, double confidenceLevel, string branch)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(snapshotIds);
        var observations = history.Series.Observations;
        var stretches = history.Stretches
            .Select(s => (IReadOnlyList<LevelSpan>)s.Plateaus
                .Select(p => new LevelSpan(snapshotIds[observations[p.First].First], snapshotIds[observations[p.Last].Last], p.Level.Value))
                .ToList())
            .ToList();
        ChangeMark Mark(DetectedChange change, bool acknowledged)
        {
            // The change's commit is the first commit of the measurement after the old level's last.
            var position = observations[change.LastBefore + 1].First;
            return new ChangeMark(snapshotIds[position], Label(change.Commit, snapshotIds[position]), acknowledged);
        }
        var acknowledged = history.Acknowledged.Where(a => a.Change is not null).ToList();
        var changes = history.Changes.Select(c => Mark(c, false)).Concat(acknowledged.Select(a => Mark(a.Change!, true))).ToList();
        var descriptions = history.Changes.Select(c => Gating.GateMessages.Change(c, confidenceLevel))
            .Concat(acknowledged.Select(a => $"{Gating.GateMessages.Change(a.Change!, confidenceLevel)}: acknowledged ({a.Acknowledgement.Reason})"))
            .ToList();
        return new AsymptoteSteps(stretches, changes, descriptions, branch);
    }

    /// <summary>The commit shortened when it is hex (what git writes), else the snapshot's number: the SVG carries no user text.</summary>
    private static string Label(string commit, long snapshot) =>
        commit.Length > 0 && commit.All(char.IsAsciiHexDigit) ? commit[..Math.Min(7, commit.Length)] : $"#{snapshot}";
}
