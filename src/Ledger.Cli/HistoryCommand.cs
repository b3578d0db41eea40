using System.CommandLine;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting;
using Ledger.Core.Storage;

namespace Ledger.Cli;

/// <summary>`ledger history`: A over time, one row per recipe per snapshot.</summary>
internal static class HistoryCommand
{
    public static Command Create(TextWriter output)
    {
        var recipe = new Option<string?>("--recipe") { Description = "Only this recipe (default: every recipe)." };
        var format = new Option<string>("--format")
        {
            Description = "Output: text (an aligned table), json (schema ledger.history/1) or csv (RFC 4180 with a header row).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "csv");
        var ledger = new LedgerOptionsBinder(
            "Only snapshots of this commit (default: every commit).",
            "Only snapshots of this branch (default: every branch).");
        var fit = new FitOptionsBinder();

        var command = new Command("history",
            "Show the asymptote A of each recipe over time: one row per recipe per snapshot, oldest first, with its runs, " +
            "points, fit status, A and its profile and bootstrap intervals, or the reason A is unidentified. Uses the fits " +
            "the ledger recorded for the same inputs and options, else fits on the fly; never changes the ledger.");
        command.Options.Add(recipe);
        command.Options.Add(format);
        ledger.AddTo(command);
        fit.AddTo(command);
        command.SetAction(parsed =>
        {
            var request = new HistoryRequest(parsed.GetValue(recipe), ledger.Branch(parsed), ledger.Commit(parsed), fit.Bind(parsed));
            HistoryResult result;
            using (var store = ledger.Open(parsed, LedgerAccess.ReadOnly))
                result = HistoryUseCase.Run(request, store);
            output.Write(parsed.GetValue(format) switch
            {
                "json" => HistoryJson.Write(result),
                "csv" => HistoryCsv.Write(result),
                _ => HistoryText.Write(result),
            });
            return 0;
        });
        return command;
    }
}
