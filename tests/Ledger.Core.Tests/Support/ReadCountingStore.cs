using Ledger.Core.Storage;

namespace Ledger.Core.Tests.Support;

/// <summary>
/// A real store that counts what is read through it: the runs (points and all), how a test sees that a rerun loaded no
/// point; and the cells (snapshot, recipe) whose current fits were asked for, how it sees which snapshots a verb looked at.
/// </summary>
public sealed class ReadCountingStore(ILedgerStore inner) : ILedgerStore
{
    public int RunsLoaded { get; private set; }

    public List<SnapshotRecipe> FitCellsAsked { get; } = [];

    public IReadOnlyList<StoredRun> GetRuns(IReadOnlyCollection<string> digests)
    {
        var runs = inner.GetRuns(digests);
        RunsLoaded += runs.Count;
        return runs;
    }

    public IReadOnlyDictionary<long, IReadOnlyList<FitIdentity>> GetFitIdentities(IReadOnlyCollection<SnapshotRecipe> wanted)
    {
        FitCellsAsked.AddRange(wanted);
        return inner.GetFitIdentities(wanted);
    }

    public IReadOnlyDictionary<long, IReadOnlyList<IdentifiedSummary>> GetFitIdentitiesWithSummaries(IReadOnlyCollection<SnapshotRecipe> wanted, FitOrigin origin)
    {
        FitCellsAsked.AddRange(wanted);
        return inner.GetFitIdentitiesWithSummaries(wanted, origin);
    }

    public AppendResult AppendFiles(SnapshotDraft draft, IReadOnlyList<AppendSource> sources) => inner.AppendFiles(draft, sources);
    public IReadOnlyDictionary<string, ReadFileRecord> FindReadFiles(IReadOnlyCollection<string> keys) => inner.FindReadFiles(keys);
    public int RecordFits(long snapshotId, IReadOnlyList<StoredFit> fits) => inner.RecordFits(snapshotId, fits);
    public int RecordVerdicts(IReadOnlyList<StoredVerdict> verdicts, GateSummary? summary = null, GateFacts? facts = null) => inner.RecordVerdicts(verdicts, summary, facts);
    public IReadOnlyList<Snapshot> GetSnapshots(string? branch = null, string? commit = null) => inner.GetSnapshots(branch, commit);
    public T ReadTogether<T>(Func<T> reads) => inner.ReadTogether(reads);
    public IReadOnlyList<SnapshotRunSets> GetSnapshotRunSets(string branch) => inner.GetSnapshotRunSets(branch);
    public StoredFit? FindFit(string inputDigest) => inner.FindFit(inputDigest);
    public IReadOnlyList<StoredFit> GetFits(long snapshotId) => inner.GetFits(snapshotId);
    public IReadOnlyDictionary<long, IReadOnlyList<StoredFit>> GetFits(IReadOnlyCollection<SnapshotRecipe> wanted) => inner.GetFits(wanted);
    public IReadOnlyDictionary<long, string> GetFitPayloads(IReadOnlyCollection<long> sequences) => inner.GetFitPayloads(sequences);
    public IReadOnlyDictionary<long, IReadOnlyList<StoredVerdict>> GetVerdicts(IReadOnlyCollection<long> snapshotIds) => inner.GetVerdicts(snapshotIds);
    public IReadOnlyDictionary<long, GateSummary> GetGateSummaries(IReadOnlyCollection<long> snapshotIds) => inner.GetGateSummaries(snapshotIds);
    public IReadOnlyList<StoredVerdict> GetVerdicts(long snapshotId) => inner.GetVerdicts(snapshotId);
    public IReadOnlyList<GateFact> GetGateFacts(long snapshotId) => inner.GetGateFacts(snapshotId);
    public IReadOnlyList<LedgerDamage> FindDamage() => inner.FindDamage();
    public void ReadAll(Action<LedgerRecord> visit) => inner.ReadAll(visit);
    public void Import(IEnumerable<LedgerRecord> records) => inner.Import(records);
    public void Dispose() => inner.Dispose();
}
