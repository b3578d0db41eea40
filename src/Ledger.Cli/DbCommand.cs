using System.CommandLine;
using Ledger.Core.Reporting;
using Ledger.Core.Storage;

namespace Ledger.Cli;

/// <summary>`ledger db upgrade`: a server ledger's schema migrations.</summary>
internal static class DbCommand
{
    public static Command Create(TextWriter output)
    {
        var ledger = new LedgerOptionsBinder(commitDescription: null, branchDescription: null);
        var upgrade = new Command("upgrade",
            "Apply the schema migrations a server ledger (postgresql://...) lacks, in order, in one transaction under an advisory " +
            "lock (other calls wait); in a database without a ledger, make its tables. Run it once after installing a newer " +
            "Ledger: until then that Ledger refuses the server's ledger with LEDGER406. A ledger file needs nothing.");
        ledger.AddTo(upgrade);
        upgrade.SetAction(parsed =>
        {
            var location = ledger.Location(parsed);
            output.Write(TransferText.Upgrade(LedgerStores.Upgrade(location, ledger.LockTimeout(parsed)), location.Display));
            return 0;
        });
        var command = new Command("db", "The ledger's database: ledger db upgrade applies a server ledger's schema migrations.");
        command.Subcommands.Add(upgrade);
        return command;
    }
}
