using System.CommandLine;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting;
using Ledger.Core.Storage;

namespace Ledger.Cli;

/// <summary>`ledger fit`: fit the build's snapshot and record its fits.</summary>
internal static class FitCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var format = new Option<string>("--format") { Description = "Output: text (one line of counts) or json (schema ledger.fit/1).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var ledger = new LedgerOptionsBinder(
            "Commit of the snapshot to fit (default: CI variables such as GITHUB_SHA, else git, else 'local').",
            "Branch of the snapshot to fit (default: CI variables such as GITHUB_REF_NAME, else git, else 'local').");
        var fit = new FitOptionsBinder();
        var project = new ProjectOptionBinder();

        var command = new Command("fit",
            "Fit every recipe of the build's snapshot whose runs, fit options or fitter version have no stored fit, reuse " +
            "the stored ones (cached by input digest), and record the snapshot's fits. Prints how many were refitted and reused.");
        command.Options.Add(format);
        ledger.AddTo(command);
        fit.AddTo(command);
        project.AddTo(command);
        command.SetAction(parsed =>
        {
            var configuration = project.Load(parsed, ledger);
            var request = configuration?.FitRequest(Environment.GetEnvironmentVariable)
                ?? new FitRequest(ledger.Commit(parsed), ledger.Branch(parsed), Directory.GetCurrentDirectory(), Environment.GetEnvironmentVariable, fit.Bind(parsed));
            FitOutcome outcome;
            using (var store = LedgerStores.Open(configuration?.Database ?? ledger.Location(parsed), LedgerAccess.Existing, configuration?.LockTimeout ?? ledger.LockTimeout(parsed)))
                outcome = FitUseCase.Run(request, store, TerminalProgress.ForStderr(error, "fitted", "recipes"));
            output.Write(parsed.GetValue(format) == "json" ? FitJson.Write(outcome) : FitText.Write(outcome));
            return 0;
        });
        return command;
    }
}
