using Ledger.Core.Storage;

namespace Ledger.Core.Tests.Storage.Contract;

/// <summary>The store contract on the embedded ledger file.</summary>
public sealed class LiteDbStoreContractTests : LedgerStoreContract
{
    private readonly TempFolder _folder = new();

    protected override ILedgerStore CreateStore(LedgerAccess access = LedgerAccess.CreateOnWrite) =>
        LedgerStores.Open(LedgerLocation.OfFile(_folder.File("ledger.db")), access);

    protected override ILedgerStore CreateOtherStore() => LedgerStores.Open(LedgerLocation.OfFile(_folder.File("other.db")), LedgerAccess.CreateOnWrite);

    public override void Dispose() => _folder.Dispose();
}
