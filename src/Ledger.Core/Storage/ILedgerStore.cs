namespace Ledger.Core.Storage;

/// <summary>
/// The ledger: runs, snapshots, fits and verdicts, append-only. The seam between the verbs and where the ledger lives:
/// the embedded LiteDB file or a PostgreSQL server, opened by <see cref="LedgerStores"/> from a <see cref="LedgerLocation"/>.
/// What every store guarantees is stated once, by the contract tests (tests/Ledger.Core.Tests/Storage/Contract); the
/// rules they share (the merge of a snapshot, which fits and verdicts a rerun skips, which record is current) are
/// <see cref="SnapshotRecipes"/> and <see cref="RecordRules"/>.
/// </summary>
/// <remarks>
/// Each write method is one verb call's whole batch and commits it in one transaction: it writes everything or,
/// when it throws, nothing. Nothing is ever updated in place or deleted, except that a snapshot grows when more
/// runs are appended under its commit (see <see cref="Snapshot"/>). Failures of the store itself surface as
/// <see cref="Diagnostics.LedgerUnavailableException"/> (exit 3), never as the database's own exceptions. A write
/// method returns only once its transaction is on stable storage; a write that fails says whether anything of it was kept.
/// </remarks>
public interface ILedgerStore : IDisposable
{
    /// <summary>
    /// Stores the runs whose content is new and adds every given run to the snapshot of the draft's commit and
    /// branch, creating that snapshot if this is the commit's first append; file by file: a source read now has its runs
    /// stored and, when it has a key, is recorded as read in the same transaction; a reused source adds the runs of its
    /// record to the snapshot, counted as already in the ledger, without touching them.
    /// </summary>
    AppendResult AppendFiles(SnapshotDraft draft, IReadOnlyList<AppendSource> sources);

    /// <summary>
    /// The records of earlier reads among <paramref name="keys"/>, by key; keys never recorded are left out. A store may
    /// look only among the records of the keys' scopes (<see cref="ReadFileRecord.ScopeOf"/>).
    /// </summary>
    IReadOnlyDictionary<string, ReadFileRecord> FindReadFiles(IReadOnlyCollection<string> keys);

    /// <summary>
    /// Records the fits of a snapshot. A fit equal in recipe, model, input digest, options digest and fitter
    /// version to the snapshot's current fit for that recipe and model is skipped, so reruns add nothing.
    /// </summary>
    /// <returns>How many fits were recorded.</returns>
    /// <exception cref="ArgumentException">No snapshot has id <paramref name="snapshotId"/>.</exception>
    int RecordFits(long snapshotId, IReadOnlyList<StoredFit> fits);

    /// <summary>
    /// Records verdicts, each on the snapshot it names. A verdict equal to that snapshot's current verdict for its
    /// recipe is skipped, so reruns add nothing.
    /// </summary>
    /// <returns>How many verdicts were recorded.</returns>
    /// <exception cref="ArgumentException">A verdict names a snapshot that does not exist.</exception>
    /// <param name="summary">The gate's record of the verdicts' snapshot (its ledger.gate/1 document), recorded in the same transaction; skipped when equal to the latest.</param>
    /// <param name="facts">What the gate learned from points, recorded in the same transaction; skipped when equal to the snapshot's latest.</param>
    int RecordVerdicts(IReadOnlyList<StoredVerdict> verdicts, GateSummary? summary = null, GateFacts? facts = null);

    /// <summary>Snapshots oldest first, optionally only those of one branch and/or one commit.</summary>
    IReadOnlyList<Snapshot> GetSnapshots(string? branch = null, string? commit = null);

    /// <summary>
    /// The snapshots of <paramref name="branch"/>, oldest first, as <see cref="GetSnapshots"/> gives them but with each
    /// recipe's runs as their <see cref="RunSet"/>: a verb that follows recipes along a branch (`ledger changes`, the
    /// gate's drift) reads which commits kept a recipe's runs without reading the runs' digests.
    /// </summary>
    IReadOnlyList<SnapshotRunSets> GetSnapshotRunSets(string branch);

    /// <summary>The runs with these digests, in the order asked; unknown digests are left out.</summary>
    IReadOnlyList<StoredRun> GetRuns(IReadOnlyCollection<string> digests);

    /// <summary>The most recently recorded fit with this input digest, in any snapshot, or null: the fit cache.</summary>
    StoredFit? FindFit(string inputDigest);

    /// <summary>A snapshot's current fits: the latest recorded for each recipe and model, ordered by recipe then model.</summary>
    IReadOnlyList<StoredFit> GetFits(long snapshotId);

    /// <summary>
    /// The current fits (as <see cref="GetFits(long)"/>) of some recipes in many snapshots, in one call, by snapshot id;
    /// every snapshot asked for is a key, with an empty list when it holds no fit of those recipes. The fits of other
    /// recipes are not read: a report that needs one recipe of each of 1,000 snapshots reads 1,000 fits, not 50,000.
    /// </summary>
    IReadOnlyDictionary<long, IReadOnlyList<StoredFit>> GetFits(IReadOnlyCollection<SnapshotRecipe> wanted);

    /// <summary>
    /// The identities of the current fits (the fits <see cref="GetFits(IReadOnlyCollection{SnapshotRecipe})"/> gives) of
    /// some recipes in many snapshots, by snapshot id, in the same order, without their payloads or parameters; every
    /// snapshot asked for is a key. A reader of 1,000 snapshots learns which fits it needs before it reads any of them.
    /// </summary>
    IReadOnlyDictionary<long, IReadOnlyList<FitIdentity>> GetFitIdentities(IReadOnlyCollection<SnapshotRecipe> wanted);

    /// <summary>
    /// The payloads (<see cref="StoredFit.PayloadJson"/>, the fit engine's complete fit) of these fit records
    /// (<see cref="FitIdentity.Sequence"/>), by sequence, without the record's other fields; a sequence that is no fit's
    /// is left out. A reader that knows a fit's identity fetches its payload once, however many snapshots it is current on.
    /// </summary>
    IReadOnlyDictionary<long, string> GetFitPayloads(IReadOnlyCollection<long> sequences);

    /// <summary>
    /// The identities of the current fits of some recipes in many snapshots (as <see cref="GetFitIdentities"/> gives them, by
    /// snapshot id, in the same order; every snapshot asked for is a key), each with its summary (<see cref="FitSummaryText"/>
    /// of its payload) when it was made as <paramref name="origin"/> says, in one read: a reader of A along a branch reads
    /// what it needs of 50,000 fits, where <see cref="GetFitIdentities"/> then <see cref="GetFitPayloads"/> would read every
    /// fit record twice and hand it whole.
    /// </summary>
    IReadOnlyDictionary<long, IReadOnlyList<IdentifiedSummary>> GetFitIdentitiesWithSummaries(IReadOnlyCollection<SnapshotRecipe> wanted, FitOrigin origin);

    /// <summary>A snapshot's current verdicts: the latest recorded for each recipe, ordered by recipe.</summary>
    IReadOnlyList<StoredVerdict> GetVerdicts(long snapshotId);

    /// <summary>The current verdicts (as <see cref="GetVerdicts(long)"/>) of many snapshots in one call, by snapshot id; every id asked for is a key.</summary>
    IReadOnlyDictionary<long, IReadOnlyList<StoredVerdict>> GetVerdicts(IReadOnlyCollection<long> snapshotIds);

    /// <summary>The facts the latest gate of a snapshot recorded; empty when none did.</summary>
    IReadOnlyList<GateFact> GetGateFacts(long snapshotId);

    /// <summary>The latest gate record of each of these snapshots that has one, in one call; a snapshot no gate ran on is not in it.</summary>
    IReadOnlyDictionary<long, GateSummary> GetGateSummaries(IReadOnlyCollection<long> snapshotIds);

    /// <summary>
    /// Runs <paramref name="reads"/>, whose calls on this store may come from several threads at once: a report reads a
    /// ledger's verdicts and gates beside its fits and runs. A ledger file is held locked for the whole of it (no other
    /// process writes meanwhile), so its calls see one state of the file and need not take the lock one by one. A call
    /// that writes is refused inside it.
    /// </summary>
    T ReadTogether<T>(Func<T> reads);

    /// <summary>
    /// Reads every record of the ledger and returns those that cannot be read, or contradict themselves (a run whose
    /// points no longer match its digest, a snapshot naming a run the ledger lacks): empty for a sound ledger. Every
    /// other method refuses a damaged record with LEDGER402; this one lists them all, for `ledger verify`.
    /// </summary>
    IReadOnlyList<LedgerDamage> FindDamage();

    /// <summary>
    /// Reads every record the ledger holds, in one read, and hands each to <paramref name="visit"/> in the order of
    /// <see cref="LedgerRecord"/>: runs, snapshots (by id), fits, verdicts, gate summaries, gate facts, then read-file
    /// records, each kind in the order it was recorded. `ledger export` writes them as they come.
    /// </summary>
    void ReadAll(Action<LedgerRecord> visit);

    /// <summary>
    /// Fills an empty ledger with <paramref name="records"/> (in the order <see cref="ReadAll"/> gives them) in one
    /// transaction: all of them, or, when reading them throws, nothing. Snapshots keep their ids; the fits, verdicts and
    /// other records of each kind keep their order, so the same records are current.
    /// </summary>
    /// <exception cref="Diagnostics.LedgerInputException">LEDGER142: the ledger already holds something; nothing was written.</exception>
    void Import(IEnumerable<LedgerRecord> records);
}
