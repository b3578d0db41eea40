using System.CommandLine;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting;
using Ledger.Core.Storage;

namespace Ledger.Cli;

/// <summary>`ledger rank`: the recipes of a branch's latest snapshot ranked by fitted A.</summary>
internal static class RankCommand
{
    public static Command Create(TextWriter output)
    {
        var format = new Option<string>("--format") { Description = "Output: text (an aligned table) or json (schema ledger.rank/1).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var lowerIsBetter = new Option<bool>("--lower-is-better") { Description = "The metric falls as training goes well (a loss): the lowest A ranks first." };
        var ledger = new LedgerOptionsBinder(
            commitDescription: null,
            "Rank the latest snapshot of this branch (default: the build's branch, from CI variables, else git, else 'local').");
        var fit = new FitOptionsBinder();

        var command = new Command("rank",
            "Rank the recipes of a branch's latest snapshot by fitted asymptote A, with its interval and the compute to reach " +
            "95 % of the way to A (--fraction). Recipes whose A the data cannot tell are listed after, with the reason. Never changes the ledger.");
        command.Options.Add(format);
        command.Options.Add(lowerIsBetter);
        ledger.AddTo(command);
        fit.AddTo(command);
        command.SetAction(parsed =>
        {
            var request = new RankRequest(ledger.Branch(parsed), Directory.GetCurrentDirectory(), Environment.GetEnvironmentVariable, fit.Bind(parsed),
                parsed.GetValue(lowerIsBetter));
            RankOutcome outcome;
            using (var store = ledger.Open(parsed, LedgerAccess.ReadOnly))
                outcome = RankUseCase.Run(request, store);
            output.Write(parsed.GetValue(format) == "json" ? RankOutput.Json(outcome) : RankOutput.Text(outcome));
            return 0;
        });
        return command;
    }
}
