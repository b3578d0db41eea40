using Ledger.Core.Storage;

namespace Ledger.Core.Tests.Storage.Contract;

/// <summary>The store contract on a real PostgreSQL server (the one build/test.sh starts), a database per test.</summary>
public sealed class PostgresStoreContractTests : LedgerStoreContract
{
    private readonly TestDatabase _database = PostgresServer.CreateDatabase();
    private readonly TestDatabase _other = PostgresServer.CreateDatabase();

    protected override ILedgerStore CreateStore(LedgerAccess access = LedgerAccess.CreateOnWrite) => LedgerStores.Open(_database.Location, access);

    protected override ILedgerStore CreateOtherStore() => LedgerStores.Open(_other.Location, LedgerAccess.CreateOnWrite);

    public override void Dispose()
    {
        _database.Dispose();
        _other.Dispose();
    }
}
