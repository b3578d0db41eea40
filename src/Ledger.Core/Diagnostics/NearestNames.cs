namespace Ledger.Core.Diagnostics;

/// <summary>
/// The names nearest to one a user wrote, by edit distance ignoring case: what an error suggests for a mistyped
/// option or a missing column.
/// </summary>
public static class NearestNames
{
    /// <summary>
    /// The <paramref name="count"/> candidates nearest to <paramref name="name"/>, nearest first: by the edit distance
    /// of the name to the part of a candidate it matches best (so 'reward' is nearest to 'eval/reward', and 'acuracy'
    /// to 'answer_accuracy'), then by the edit distance of the whole names; among equally near ones, the first given.
    /// </summary>
    public static IReadOnlyList<string> Closest(string name, IEnumerable<string> candidates, int count)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);
        return candidates
            .Distinct(StringComparer.Ordinal)
            .Select((candidate, order) => (Candidate: candidate, Order: order, Within: DistanceWithin(name, candidate), Distance: Distance(name, candidate)))
            .OrderBy(c => c.Within)
            .ThenBy(c => c.Distance)
            .ThenBy(c => c.Order)
            .Take(count)
            .Select(c => c.Candidate)
            .ToList();
    }

    /// <summary>
    /// The one candidate close enough to be what was meant (at most a third of the name's letters off, and at least
    /// two edits allowed), or null.
    /// </summary>
    public static string? Suggestion(string name, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(name);
        var closest = Closest(name, candidates, 1);
        return closest.Count == 1 && Distance(name, closest[0]) <= Math.Max(2, name.Length / 3) ? closest[0] : null;
    }

    /// <summary>The Levenshtein distance between two names, ignoring case (invariant culture).</summary>
    public static int Distance(string a, string b) => EditDistance(a, b, withinB: false);

    /// <summary>The least Levenshtein distance between <paramref name="a"/> and any part of <paramref name="b"/>, ignoring case (Sellers' algorithm).</summary>
    public static int DistanceWithin(string a, string b) => EditDistance(a, b, withinB: true);

    /// <param name="withinB">A match may start and end anywhere in <paramref name="b"/> at no cost.</param>
    private static int EditDistance(string a, string b, bool withinB)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (x, y) = (a.ToUpperInvariant(), b.ToUpperInvariant());
        var previous = new int[y.Length + 1];
        var current = new int[y.Length + 1];
        for (var j = 0; j <= y.Length; j++)
            previous[j] = withinB ? 0 : j;
        for (var i = 1; i <= x.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= y.Length; j++)
            {
                var substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return withinB ? previous.Min() : previous[y.Length];
    }
}
