namespace Ledger.Core.Storage.LiteDb;

/// <summary>A snapshot's recipe-to-runs map while an append adds to it: a run joins once, in the order first added.</summary>
internal sealed class SnapshotRecipes
{
    private readonly SortedDictionary<string, List<string>> _recipes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _digests = new(StringComparer.Ordinal);

    public SnapshotRecipes(IReadOnlyDictionary<string, IReadOnlyList<string>> existing)
    {
        foreach (var (recipe, digests) in existing)
        {
            _recipes.Add(recipe, [.. digests]);
            _digests.UnionWith(digests);
        }
    }

    /// <summary>Whether <see cref="Add"/> added anything since construction.</summary>
    public bool Changed { get; private set; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> View =>
        new SortedDictionary<string, IReadOnlyList<string>>(
            _recipes.ToDictionary(entry => entry.Key, entry => (IReadOnlyList<string>)entry.Value), StringComparer.Ordinal);

    public void Add(string recipe, string digest)
    {
        // A digest covers the recipe, so a digest already present is already under this recipe.
        if (!_digests.Add(digest))
            return;
        if (!_recipes.TryGetValue(recipe, out var digests))
            _recipes.Add(recipe, digests = []);
        digests.Add(digest);
        Changed = true;
    }
}
