using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>
/// `ledger history`: the asymptote A of each recipe in each snapshot, oldest first. A fit the ledger already
/// holds for exactly these inputs, options and fitter version is read back; any other is fitted on the fly, in
/// parallel across recipes, and not recorded: reading history never changes the ledger.
/// </summary>
public static class HistoryUseCase
{
    public static HistoryResult Run(HistoryRequest request, ILedgerStore store)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);

        var fits = SnapshotFits.Resolve(store, store.GetSnapshots(request.Branch, request.Commit), request.Fit,
            request.Recipe is null ? null : recipe => recipe == request.Recipe);
        var rows = fits.Select(f => new HistoryRow(
            f.Snapshot.Id, f.Snapshot.Commit, f.Snapshot.Branch, f.Snapshot.Time, f.Recipe,
            f.RunDigests.Count, f.Fit.PointCount, f.Fit, f.FromLedger)).ToList();
        return new HistoryResult(rows, request.Fit);
    }
}
