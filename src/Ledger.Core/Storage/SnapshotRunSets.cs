namespace Ledger.Core.Storage;

/// <summary>
/// A snapshot with each recipe's runs as their <see cref="RunSet"/>: what a verb that follows recipes along a branch needs
/// (which commits kept a recipe's runs, which changed them), without the run lists, a thousandth of the size.
/// </summary>
/// <param name="Recipes">Recipe name to the run set of its runs, recipes in ordinal order.</param>
public sealed record SnapshotRunSets(long Id, string Commit, string Branch, DateTimeOffset Time, IReadOnlyDictionary<string, RunSet> Recipes)
{
    public static SnapshotRunSets Of(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new SnapshotRunSets(snapshot.Id, snapshot.Commit, snapshot.Branch, snapshot.Time, RunSetsOf(snapshot.Recipes));
    }

    /// <summary>Each recipe's run set, recipes in ordinal order.</summary>
    public static IReadOnlyDictionary<string, RunSet> RunSetsOf(IReadOnlyDictionary<string, IReadOnlyList<string>> recipes)
    {
        ArgumentNullException.ThrowIfNull(recipes);
        return new SortedDictionary<string, RunSet>(recipes.ToDictionary(r => r.Key, r => RunSet.Of(r.Value), StringComparer.Ordinal), StringComparer.Ordinal);
    }
}
