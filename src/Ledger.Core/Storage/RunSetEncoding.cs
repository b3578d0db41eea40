namespace Ledger.Core.Storage;

/// <summary>
/// A snapshot's run sets as one binary blob (the ledger file keeps it beside the snapshot's runs): the count of recipes as
/// int32, then each recipe in ordinal order as its length-prefixed UTF-8 name and its <see cref="RunSet"/> in
/// <see cref="RunSet.Size"/> bytes. 1,000 recipes take 30 KB, where their run digests as text take 200 KB.
/// </summary>
internal static class RunSetEncoding
{
    public static byte[] ToBytes(IReadOnlyDictionary<string, IReadOnlyList<string>> recipes)
    {
        var writer = new CanonicalWriter(4 + recipes.Count * 48);
        writer.WriteInt32(recipes.Count);
        Span<byte> runSet = stackalloc byte[RunSet.Size];
        foreach (var (recipe, runs) in recipes.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            writer.WriteString(recipe);
            RunSet.Of(runs).Write(runSet);
            writer.WriteRaw(runSet);
        }
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>The run sets by recipe, enumerated in ordinal order (the blob's order, which is checked).</summary>
    /// <exception cref="FormatException">The blob is not a list of run sets in recipe order.</exception>
    /// <param name="names">Where the recipe names of many snapshots read together are kept once each.</param>
    public static IReadOnlyDictionary<string, RunSet> FromBytes(ReadOnlySpan<byte> bytes, NamePool names)
    {
        var reader = new CanonicalReader(bytes);
        var count = reader.ReadCount();
        // A dictionary filled and never emptied enumerates in the order it was filled: here ordinal, without a sorted tree's cost.
        var runSets = new Dictionary<string, RunSet>(Math.Min(count, bytes.Length / (4 + RunSet.Size)), StringComparer.Ordinal);
        string? previous = null;
        for (var i = 0; i < count; i++)
        {
            var recipe = names.Get(reader.ReadBytes(reader.ReadCount()));
            if (previous is not null && string.CompareOrdinal(previous, recipe) >= 0)
                throw new FormatException($"the run sets name recipe '{recipe}' out of order or twice");
            runSets.Add(recipe, RunSet.Read(reader.ReadBytes(RunSet.Size)));
            previous = recipe;
        }
        return reader.AtEnd ? runSets : throw new FormatException("the run sets go on past their count");
    }
}
