using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting;
using Ledger.Core.Storage;
using Ledger.Core.Storage.Export;

namespace Ledger.Core.Tests.Pipeline;

/// <summary>
/// The same builds checked into a ledger file and into a PostgreSQL ledger give the same ledger, record for record and
/// byte for byte (fit payloads, verdicts, gate summaries, snapshot ids), the same gate documents and the same history,
/// and both verify.
/// </summary>
public sealed class StoresAgreeTests : IDisposable
{
    private static readonly FitOptions Options = new() { BootstrapResamples = 100 };
    private static readonly DateOnly Today = new(2026, 11, 23);

    private readonly TempFolder _folder = new();
    private readonly TestDatabase _database = PostgresServer.CreateDatabase();

    public void Dispose()
    {
        _folder.Dispose();
        _database.Dispose();
    }

    [Fact]
    public void Checks_of_the_same_builds_leave_the_same_ledger_in_a_file_and_on_a_server()
    {
        CheckUseCaseTests.WriteLogs(_folder.File("c1"), 0.8, 1);
        CheckUseCaseTests.WriteLogs(_folder.File("c2"), 0.8, 3);
        CheckUseCaseTests.WriteLogs(_folder.File("f1"), 0.7, 2);
        var file = LedgerLocation.OfFile(_folder.File("ledger.db"));
        var server = _database.Location;

        var gates = new List<(string File, string Server)>();
        foreach (var (commit, branch, day) in new[] { ("c1", "main", 0), ("c2", "main", 1), ("f1", "feature", 2), ("c2", "main", 3) })
        {
            var append = new AppendRequest([commit], _folder.Path, new ReadOptions(), commit, branch, DateTimeOffset.UnixEpoch.AddDays(day), _ => null);
            var request = new CheckRequest(append, null, Options, new GateOptions(), AllowList.Empty, Today);
            string Check(LedgerLocation location) => GateJson.Write(CheckUseCase.Run(request, () => LedgerStores.Open(location, LedgerAccess.CreateOnWrite),
                openExistingStore: () => LedgerStores.OpenIfExists(location)).Gate.Report);
            gates.Add((Check(file), Check(server)));
        }

        Assert.All(gates, gate => Assert.Equal(gate.File, gate.Server));
        Assert.Contains("\"regressed\"", gates[2].File, StringComparison.Ordinal);
        using var fileStore = LedgerStores.Open(file, LedgerAccess.ReadOnly);
        using var serverStore = LedgerStores.Open(server, LedgerAccess.ReadOnly);
        Assert.Equal(Exported(fileStore), Exported(serverStore));
        var history = new HistoryRequest(null, null, null, Options);
        Assert.Equal(HistoryJson.Write(HistoryUseCase.Run(history, fileStore)), HistoryJson.Write(HistoryUseCase.Run(history, serverStore)));
        Assert.True(VerifyUseCase.Run(serverStore).Reproduced);
        Assert.True(VerifyUseCase.Run(fileStore).Reproduced);
    }

    private static string Exported(ILedgerStore store)
    {
        using var stream = new MemoryStream();
        ExportUseCase.Run(store, null, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
