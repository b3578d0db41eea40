using System.CommandLine;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting;
using Ledger.Core.Storage;

namespace Ledger.Cli;

/// <summary>`ledger import FILE`: an export loaded into an empty ledger in one transaction.</summary>
internal static class ImportCommand
{
    public static Command Create(TextWriter output)
    {
        var file = new Argument<string>("file") { Description = "A file ledger export wrote (ledger.export/1)." };
        var ledger = new LedgerOptionsBinder(commitDescription: null, branchDescription: null);
        var command = new Command("import",
            "Load an export into an empty ledger (a new file, or a database without a ledger, whose tables it makes) in one " +
            "transaction: all of it or nothing. The file is read and checked whole first (every run against its digest); a file " +
            "that is not a whole export is exit 2 and the ledger is not touched. A ledger that holds anything is refused (LEDGER142).");
        command.Arguments.Add(file);
        ledger.AddTo(command);
        command.SetAction(parsed =>
        {
            var location = ledger.Location(parsed);
            var lockTimeout = ledger.LockTimeout(parsed);
            var outcome = ImportUseCase.Run(parsed.GetValue(file)!, () => LedgerStores.Open(location, LedgerAccess.CreateOnWrite, lockTimeout));
            output.Write(TransferText.Import(outcome, location.Display));
            return 0;
        });
        return command;
    }
}
