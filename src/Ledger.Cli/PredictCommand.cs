using System.CommandLine;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting;
using Ledger.Core.Storage;

namespace Ledger.Cli;

/// <summary>`ledger predict`: the metric a recipe reaches at a compute, from the ledger.</summary>
internal static class PredictCommand
{
    public static Command Create(TextWriter output)
    {
        var recipe = new Option<string>("--recipe") { Description = "The recipe to predict.", Required = true };
        var compute = new Option<double>("--compute") { Description = "The compute (GPU-hours) to predict the metric at.", Required = true };
        var format = new Option<string>("--format") { Description = "Output: text or json (schema ledger.predict/1).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var ledger = new LedgerOptionsBinder(
            commitDescription: null,
            "Use the latest snapshot of this branch that holds the recipe (default: the build's branch, from CI variables, else git, else 'local').");
        var fit = new FitOptionsBinder();

        var command = new Command("predict",
            "Predict a recipe's metric at a compute, with its delta-method and bootstrap intervals, from the latest snapshot of the " +
            "branch that holds the recipe. Never changes the ledger.");
        command.Options.Add(recipe);
        command.Options.Add(compute);
        command.Options.Add(format);
        ledger.AddTo(command);
        fit.AddTo(command);
        command.SetAction(parsed =>
        {
            var request = new PredictRequest(parsed.GetValue(recipe)!, parsed.GetValue(compute), ledger.Branch(parsed), Directory.GetCurrentDirectory(),
                Environment.GetEnvironmentVariable, fit.Bind(parsed));
            SnapshotRecipeFit result;
            using (var store = ledger.Open(parsed, LedgerAccess.ReadOnly))
                result = PredictUseCase.Run(request, store);
            output.Write(parsed.GetValue(format) == "json" ? PredictOutput.Json(result) : PredictOutput.Text(result));
            return 0;
        });
        return command;
    }
}
