using System.CommandLine;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting;
using Ledger.Core.Storage;

namespace Ledger.Cli;

/// <summary>`ledger report`: the ledger as HTML pages and a Markdown gate summary in one folder.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var outDir = new Option<string>("--out")
        {
            Description = "The report folder (created when missing). Each render is written beside it and swapped in whole; files in it that Ledger did not write are kept.",
            Required = true,
        };
        var force = new Option<bool>("--force") { Description = "Replace files of the report's names in --out that Ledger did not write (default: refuse, LEDGER131)." };
        var recipe = new Option<string?>("--recipe") { Description = "Only this recipe (default: every recipe)." };
        var templates = new Option<string?>("--templates") { Description = "A folder of Scriban templates (.sbn) that replace the built-in ones of the same name." };
        var lowerIsBetter = new Option<bool>("--lower-is-better")
        {
            Description = "The metric falls as training goes well (a loss), as the gate was told: the forest plot of each snapshot shades a rise of more than --tolerance, not a fall.",
        };
        var allowList = AllowListOption.Create("Acknowledged changes, which cut the histories the recipes' step lines are drawn through, as for ledger changes");
        var ledger = new LedgerOptionsBinder(
            "Only snapshots of this commit (default: every commit).",
            "Only snapshots of this branch (default: every branch).");
        var fit = new FitOptionsBinder();

        var command = new Command("report",
            "Write the ledger as self-contained HTML: an index of snapshots (newest first) and recipes ranked by A, a page per " +
            "snapshot (the gate's changes in A as one forest plot against --tolerance, verdicts or fit status, and per recipe the observed points, fitted curve, band, A and C_mid), a page per " +
            "recipe (A over time, with its steps along --branch, default main, and each change's commit), and summary.md with the latest gate " +
            "verdicts. Never changes the ledger.");
        command.Options.Add(outDir);
        command.Options.Add(recipe);
        command.Options.Add(templates);
        command.Options.Add(force);
        command.Options.Add(allowList);
        command.Options.Add(lowerIsBetter);
        ledger.AddTo(command);
        fit.AddTo(command);
        command.SetAction(parsed =>
        {
            var request = new ReportRequest(
                parsed.GetValue(outDir)!, parsed.GetValue(recipe), ledger.Branch(parsed), ledger.Commit(parsed), parsed.GetValue(templates), fit.Bind(parsed),
                parsed.GetValue(force), AllowListOption.Load(parsed, allowList), parsed.GetValue(lowerIsBetter));
            ReportOutcome outcome;
            using (var store = ledger.Open(parsed, LedgerAccess.ReadOnly))
                outcome = ReportUseCase.Run(request, store, TerminalProgress.Steps(error));
            output.Write(ReportText.Write(outcome));
            return 0;
        });
        return command;
    }
}
