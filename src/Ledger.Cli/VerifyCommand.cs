using System.CommandLine;
using Ledger.Core.Diagnostics;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting;
using Ledger.Core.Storage;

namespace Ledger.Cli;

/// <summary>`ledger verify`: refit every stored fit and compare bit for bit.</summary>
internal static class VerifyCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var ledger = new LedgerOptionsBinder(commitDescription: null, branchDescription: null);
        var command = new Command("verify",
            "Read every record of the ledger, listing any that is damaged; then refit every stored fit of every snapshot from the " +
            "stored runs and the options it was made with, and compare it with the stored fit bit for bit. Lists every damaged " +
            "record and every fit that differs (snapshot, recipe, fields). Exit 0 only if the ledger is sound and all reproduce, else 1. " +
            "Only reads the ledger.");
        ledger.AddTo(command);
        command.SetAction(parsed =>
        {
            VerifyOutcome outcome;
            using (var store = ledger.Open(parsed, LedgerAccess.ReadOnly))
                outcome = VerifyUseCase.Run(store, TerminalProgress.ForStderr(error, "refitted", "fits"));
            output.Write(VerifyText.Write(outcome));
            // Exit 1, as for the gate: the check ran and found a difference (2 and 3 stay bad usage and an unusable ledger).
            return (int)(outcome.Reproduced ? ExitCode.Success : ExitCode.Regression);
        });
        return command;
    }
}
