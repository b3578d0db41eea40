using Ledger.Core.Diagnostics;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>A snapshot's runs looked up among those read from the ledger, where one missing is damage to the ledger.</summary>
internal static class HeldRuns
{
    /// <exception cref="LedgerUnavailableException">LEDGER402: the snapshot names a run the ledger does not hold.</exception>
    public static List<StoredRun> Of(IReadOnlyDictionary<string, StoredRun> runs, long snapshotId, IEnumerable<string> digests) =>
        digests.Select(digest => runs.TryGetValue(digest, out var run) ? run : throw LedgerUnavailableException.RunNotHeld(snapshotId, digest)).ToList();
}
