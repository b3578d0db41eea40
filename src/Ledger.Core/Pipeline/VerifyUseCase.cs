using Ledger.Core.Fitting;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>A stored fit that the refit did not reproduce, and which of its fields differ.</summary>
/// <param name="Fields">"A.value", "rSquared", "payload.parameters[1].se", ...; or why it could not be refitted at all.</param>
public sealed record FitMismatch(long SnapshotId, string Commit, string Branch, string Recipe, string Model, IReadOnlyList<string> Fields);

/// <summary>What `ledger verify` found.</summary>
/// <param name="Checked">Stored fits refitted.</param>
/// <param name="OlderFitters">
/// Stored fits another fitter version recorded (by version): this fitter cannot reproduce another's bits, so they are
/// counted, not refitted. They stay in the ledger as the history they were.
/// </param>
/// <param name="Damage">Records of the ledger that cannot be read or contradict themselves; when there are any, no fit is refitted.</param>
public sealed record VerifyOutcome(int Checked, IReadOnlyList<FitMismatch> Mismatches, IReadOnlyDictionary<string, int> OlderFitters,
    IReadOnlyList<LedgerDamage> Damage)
{
    public bool Reproduced => Mismatches.Count == 0 && Damage.Count == 0;
}

/// <summary>
/// `ledger verify`: reads every record of the ledger (a damaged one is a finding, listed, not a crash: see
/// <see cref="ILedgerStore.FindDamage"/>), then refits every snapshot's stored fits from the stored runs and options
/// named in each fit's payload, and compares the new record with the stored one, every double by its bits and the
/// payload field by field. The fit is a pure function of its points and options, so anything but an exact match means
/// the ledger or the fitter changed.
/// </summary>
public static class VerifyUseCase
{
    public static VerifyOutcome Run(ILedgerStore store, IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var damage = store.FindDamage();
        if (damage.Count > 0)
            return new VerifyOutcome(0, [], new Dictionary<string, int>(), damage);
        var all = store.GetSnapshots().SelectMany(s => store.GetFits(s.Id).Select(fit => (Snapshot: s, Fit: fit))).ToList();
        var stored = all.Where(s => s.Fit.FitterVersion == CurveFitter.Version).ToList();
        var older = all.Where(s => s.Fit.FitterVersion != CurveFitter.Version)
            .GroupBy(s => s.Fit.FitterVersion, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var contents = stored.Select(s => TryContents(s.Fit)).ToList();
        var digests = contents.SelectMany(c => c.Contents?.RunDigests ?? []).Distinct(StringComparer.Ordinal).ToList();
        var runs = store.GetRuns(digests).ToDictionary(run => run.Digest, StringComparer.Ordinal);

        var results = new IReadOnlyList<string>[stored.Count];
        var done = 0;
        Parallel.For(0, stored.Count, i =>
        {
            results[i] = contents[i] is ({ } c, _) ? Compare(stored[i].Fit, c, runs) : [$"payload (cannot be read: {contents[i].Error})"];
            progress?.Report((Interlocked.Increment(ref done), stored.Count));
        });
        var mismatches = stored
            .Select((s, i) => (s, Fields: results[i]))
            .Where(x => x.Fields.Count > 0)
            .Select(x => new FitMismatch(x.s.Snapshot.Id, x.s.Snapshot.Commit, x.s.Snapshot.Branch, x.s.Fit.Recipe, x.s.Fit.Model, x.Fields))
            .ToList();
        return new VerifyOutcome(stored.Count, mismatches, older, []);
    }

    private static (FitPayloadContents? Contents, string? Error) TryContents(StoredFit fit)
    {
        try
        {
            return (FitRecords.Contents(fit), null);
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }
    }

    private static IReadOnlyList<string> Compare(StoredFit stored, FitPayloadContents contents, IReadOnlyDictionary<string, StoredRun> runs)
    {
        var missing = contents.RunDigests.Where(d => !runs.ContainsKey(d)).ToList();
        if (missing.Count > 0)
            return [$"runs (the ledger does not hold run {missing[0]})"];
        var data = StoredRecipeData.From(contents.RunDigests.Select(d => runs[d]));
        var refit = CurveFitter.Fit(stored.Recipe, data, contents.Options);
        return FitDifferences.Between(FitRecords.ToStored(refit, contents.Options, contents.RunDigests), stored);
    }
}
