namespace Ledger.Core.Storage;

/// <summary>
/// What every store keeps of a write and which record is current, written once for all stores. Records are never
/// changed: a newer record of the same key supersedes the older one, and "newer" is the store's record sequence (a
/// number that increases with every record it inserts), never the time or the payload.
/// </summary>
internal static class RecordRules
{
    /// <summary>The record of each key with the highest sequence: a snapshot's current fits, verdicts, gate summary and facts.</summary>
    /// <remarks>
    /// Keys in the order of their oldest record. One pass over records already in sequence order (as a store's index on
    /// the snapshot gives them), since a report reads every snapshot's verdicts and fits through here; a later record
    /// overwrites an earlier one of its key where the earlier one stands in the order.
    /// </remarks>
    public static Dictionary<TKey, T> Latest<TKey, T>(IEnumerable<(long Sequence, T Record)> records, Func<T, TKey> key) where TKey : notnull
    {
        var inOrder = records.ToArray();
        if (!IsAscending(inOrder))
            Array.Sort(Array.ConvertAll(inOrder, r => r.Sequence), inOrder);
        var latest = new Dictionary<TKey, T>(inOrder.Length);
        foreach (var (_, record) in inOrder)
            latest[key(record)] = record;
        return latest;
    }

    private static bool IsAscending<T>((long Sequence, T Record)[] records)
    {
        for (var i = 1; i < records.Length; i++)
        {
            if (records[i].Sequence < records[i - 1].Sequence)
                return false;
        }
        return true;
    }

    /// <summary>
    /// The fits a call records on a snapshot: each fit except one equal in recipe, model, input digest, options digest and
    /// fitter version to the snapshot's current fit of that recipe and model (counting the call's own earlier fits), so a
    /// rerun records nothing.
    /// </summary>
    public static List<StoredFit> NewFits(IReadOnlyDictionary<(string Recipe, string Model), StoredFit> current, IEnumerable<StoredFit> fits)
    {
        var latest = new Dictionary<(string, string), StoredFit>(current);
        var recorded = new List<StoredFit>();
        foreach (var fit in fits)
        {
            var key = (fit.Recipe, fit.Model);
            if (latest.TryGetValue(key, out var existing) && SameInputs(existing, fit))
                continue;
            latest[key] = fit;
            recorded.Add(fit);
        }
        return recorded;
    }

    /// <summary>The verdicts a call records: each except one equal to its snapshot's current verdict of that recipe.</summary>
    public static List<StoredVerdict> NewVerdicts(IReadOnlyDictionary<(long SnapshotId, string Recipe), StoredVerdict> current, IEnumerable<StoredVerdict> verdicts)
    {
        var latest = new Dictionary<(long, string), StoredVerdict>(current);
        var recorded = new List<StoredVerdict>();
        foreach (var verdict in verdicts)
        {
            var key = (verdict.SnapshotId, verdict.Recipe);
            if (latest.TryGetValue(key, out var existing) && existing == verdict)
                continue;
            latest[key] = verdict;
            recorded.Add(verdict);
        }
        return recorded;
    }

    /// <summary>A gate summary is recorded unless it is the snapshot's latest one, word for word.</summary>
    public static bool IsNew(GateSummary? latest, GateSummary summary) => latest != summary;

    /// <summary>Gate facts are recorded unless they equal the snapshot's latest set, fact for fact.</summary>
    public static bool IsNew(IReadOnlyList<GateFact>? latest, GateFacts facts) =>
        latest is null || latest.Count != facts.Facts.Count || !latest.Zip(facts.Facts).All(pair => Same(pair.First, pair.Second));

    private static bool Same(GateFact a, GateFact b) =>
        a.RunSet == b.RunSet && a.BaselineFit == b.BaselineFit && a.RegimeChange == b.RegimeChange && a.Sources.SequenceEqual(b.Sources, StringComparer.Ordinal);

    private static bool SameInputs(StoredFit a, StoredFit b) =>
        a.InputDigest == b.InputDigest && a.OptionsDigest == b.OptionsDigest && a.FitterVersion == b.FitterVersion;
}
