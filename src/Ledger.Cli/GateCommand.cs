using System.CommandLine;
using Ledger.Core.Diagnostics;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;

namespace Ledger.Cli;

/// <summary>`ledger gate`: compare the build's fits with the baseline's; exit 1 on a regression.</summary>
internal static class GateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var ledger = new LedgerOptionsBinder(
            "Commit of the build to gate (default: CI variables such as GITHUB_SHA, else git, else 'local').",
            "Branch of the build to gate (default: CI variables such as GITHUB_REF_NAME, else git, else 'local').");
        var gate = new GateOptionsBinder();
        var fit = new FitOptionsBinder();
        var project = new ProjectOptionBinder();

        var command = new Command("gate",
            "Compare every recipe's fitted asymptote A in the build's snapshot with the baseline's (the newest older snapshot of " +
            "the baseline branch). Seeds are the unit: a recipe regresses when its seeds show that A fell by more than --tolerance " +
            "(a margin), with false alarms controlled across all recipes of the build (Holm, 5 %). An estimate past the tolerance " +
            "that the data do not show is 'suspect' (a warning). A recipe whose baseline identified A and whose fit now does not is " +
            "compared model-free, on the seeds' metric over the compute both builds cover: 'regressed' on a clear drop, else " +
            "'unverified', which fails the build unless --unverified warn. Records fits and verdicts. " +
            "Exit 1 when a recipe regressed or is unverified (and no allow-list entry accepts it), else 0.");
        ledger.AddTo(command);
        gate.AddTo(command);
        fit.AddTo(command);
        project.AddTo(command);
        command.SetAction(parsed =>
        {
            // The clock is read once, here: allow-list expiries are checked against this date.
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var configuration = project.Load(parsed, ledger, gate);
            var request = configuration?.GateRequest(today, Environment.GetEnvironmentVariable)
                ?? new GateRequest(ledger.Commit(parsed), ledger.Branch(parsed), Directory.GetCurrentDirectory(),
                    Environment.GetEnvironmentVariable, gate.Baseline(parsed), fit.Bind(parsed), gate.Options(parsed, fit.Bind(parsed)), gate.AllowList(parsed), today,
                    ReferenceOption: gate.Reference(parsed));
            GateOutcome outcome;
            using (var store = LedgerStores.Open(configuration?.Database ?? ledger.Location(parsed), LedgerAccess.Existing, configuration?.LockTimeout ?? ledger.LockTimeout(parsed)))
                outcome = GateUseCase.Run(request, store, TerminalProgress.ForStderr(error, "fitted", "recipes"));
            GateOutput.Write(outcome.Report, gate.Format(parsed), output, error, configuration?.JUnitFile ?? gate.JUnitFile(parsed));
            return (int)(outcome.Failed ? ExitCode.Regression : ExitCode.Success);
        });
        return command;
    }
}
