using System.CommandLine;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting;
using Ledger.Core.Storage;

namespace Ledger.Cli;

/// <summary>`ledger export`: the whole ledger as ledger.export/1 JSON Lines, to stdout or a file.</summary>
internal static class ExportCommand
{
    public static Command Create(Stream standardOutput, TextWriter error)
    {
        var outFile = new Option<string?>("--out")
        {
            Description = "Write the export to this file (written beside it and renamed into place once whole); default: standard output.",
            HelpName = "FILE",
        };
        var ledger = new LedgerOptionsBinder(commitDescription: null, branchDescription: null);
        var command = new Command("export",
            "Write the whole ledger (runs with their points, snapshots, fits, verdicts, gate summaries and facts, and the records " +
            "of files read) as JSON Lines of schema ledger.export/1, in one read: the backup format, and the way to move a ledger " +
            "between a file and a server (ledger import). Only reads the ledger.");
        command.Options.Add(outFile);
        ledger.AddTo(command);
        command.SetAction(parsed =>
        {
            var location = ledger.Location(parsed);
            ExportOutcome outcome;
            using (var store = LedgerStores.Open(location, LedgerAccess.ReadOnly, ledger.LockTimeout(parsed)))
                outcome = ExportUseCase.Run(store, parsed.GetValue(outFile), standardOutput);
            // The records may fill stdout, so what was done goes to stderr.
            error.Write(TransferText.Export(outcome, location.Display));
            return 0;
        });
        return command;
    }
}
