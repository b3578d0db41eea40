using Ledger.Core.Gating;

namespace Ledger.Core.Changes;

/// <summary>
/// A recipe's history along a branch, cut into stretches by its acknowledged changes and segmented stretch by stretch:
/// what `ledger changes`, the gate's drift check and the report's plot all read, so they cannot disagree.
/// </summary>
public sealed record RecipeChanges(AsymptoteSeries Series, IReadOnlyList<Segmentation> Stretches, IReadOnlyList<AcknowledgedChange> Acknowledged)
{
    /// <summary>The changes to report: every stretch's, oldest first (an acknowledged change lies between stretches and is not among them).</summary>
    public IEnumerable<DetectedChange> Changes => Stretches.SelectMany(s => s.Changes);

    /// <summary>The newest stretch: where the recipe's history has stood since its last acknowledged change.</summary>
    public Segmentation Current => Stretches.Count == 0 ? Segmentation.Empty : Stretches[^1];

    /// <summary>
    /// Segments <paramref name="series"/>. Each acknowledgement whose commit the branch holds cuts the history, oldest
    /// first: at the change it names when a change there is found (the measurements moving between the two levels belong
    /// to neither stretch), else at its commit.
    /// </summary>
    public static RecipeChanges Of(AsymptoteSeries series, ChangeRule rule, IReadOnlyList<Acknowledgement> acknowledgements)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(acknowledgements);
        var stretches = series.Observations.Count == 0 ? [] : new List<(int First, int Last)> { (0, series.Observations.Count - 1) };
        var acknowledged = new List<AcknowledgedChange>();
        var positioned = acknowledgements
            .Where(a => a.Recipe == series.Recipe)
            .Select(a => (Acknowledgement: a, Position: PositionOf(series, a.Commit)))
            .Where(a => a.Position >= 0)
            .OrderBy(a => a.Position);
        foreach (var (acknowledgement, position) in positioned)
        {
            var index = stretches.FindIndex(s => position <= series.Observations[s.Last].Last);
            // Past every measurement, before the first, or inside a change already acknowledged: nothing left to cut.
            if (index < 0 || position < series.Observations[stretches[index].First].First)
            {
                if (index <= 0)
                    acknowledged.Add(new AcknowledgedChange(acknowledgement, null));
                continue;
            }
            var (first, last) = stretches[index];
            var change = ChangeDetector.Segment(series, rule, first, last).Changes.FirstOrDefault(c => Covers(series, c, position));
            var (lastBefore, firstAfter) = change is not null
                ? (change.LastBefore, change.FirstAfter)
                : (FirstAtOrAfter(series, first, last, position) - 1, FirstAtOrAfter(series, first, last, position));
            stretches.RemoveAt(index);
            if (firstAfter <= last)
                stretches.Insert(index, (firstAfter, last));
            if (first <= lastBefore)
                stretches.Insert(index, (first, lastBefore));
            acknowledged.Add(new AcknowledgedChange(acknowledgement, change));
        }
        var segmented = stretches.Select(s => ChangeDetector.Segment(series, rule, s.First, s.Last)).ToList();
        return new RecipeChanges(series, segmented, acknowledged);
    }

    /// <summary>The position of the branch's first commit that is the acknowledged one (itself, or an abbreviation as in the allow-list), or -1.</summary>
    private static int PositionOf(AsymptoteSeries series, string commit)
    {
        for (var i = 0; i < series.Commits.Count; i++)
        {
            if (series.Commits[i] == commit || AllowEntry.SameCommit(commit, series.Commits[i]))
                return i;
        }
        return -1;
    }

    /// <summary>Whether the change's span (after its previous commit, up to its first at the new level) holds the position.</summary>
    private static bool Covers(AsymptoteSeries series, DetectedChange change, int position) =>
        series.Observations[change.LastBefore].Last < position && position <= series.Observations[change.FirstAfter].First;

    private static int FirstAtOrAfter(AsymptoteSeries series, int first, int last, int position)
    {
        for (var i = first; i <= last; i++)
        {
            if (series.Observations[i].First >= position)
                return i;
        }
        return last + 1;
    }
}
