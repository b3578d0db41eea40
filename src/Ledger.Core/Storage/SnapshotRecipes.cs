namespace Ledger.Core.Storage;

/// <summary>
/// A snapshot's recipe-to-runs map while an append adds to it: the merge rule of every store. A run joins once, in the
/// order first added, and never leaves; a snapshot only grows (see <see cref="Snapshot"/>).
/// </summary>
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
    public bool Changed => Added.Count > 0;

    /// <summary>The runs <see cref="Add"/> added since construction, in the order added: what a store that keeps a row per run inserts.</summary>
    public List<(string Recipe, string Digest)> Added { get; } = [];

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
        Added.Add((recipe, digest));
    }
}
