using Ledger.Core.Ingest;
using Ledger.Core.Storage;

namespace Ledger.Tests.Infrastructure;

/// <summary>An append of runs that come from no recorded file: what most store tests need, in one call.</summary>
public static class StoreAppend
{
    public static AppendResult Append(this ILedgerStore store, SnapshotDraft draft, IReadOnlyList<RunLog> runs) =>
        store.AppendFiles(draft, [AppendSource.Read(null, runs)]);
}
