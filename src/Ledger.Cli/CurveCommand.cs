using System.CommandLine;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting;

namespace Ledger.Cli;

/// <summary>`ledger curve`: fit logs without any ledger and print the fits.</summary>
internal static class CurveCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Run logs: files, folders (every .csv, .tsv, .jsonl, .ndjson inside) or globs such as 'runs/**/*.csv'.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format") { Description = "Output: text (a readable report) or json (schema ledger.curve/1).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var read = new ReadOptionsBinder();
        var seedSd = SeedSdOption.Create();
        var fit = new FitOptionsBinder();

        var command = new Command("curve",
            "Fit run logs without a ledger and print each recipe's curve: parameters with standard errors, the profile and " +
            "bootstrap intervals on A, fit statistics, a prediction (--predict) and the compute to reach 95 % of A. " +
            "Runs of one recipe (seeds) are fitted together as one curve.");
        command.Arguments.Add(paths);
        command.Options.Add(format);
        command.Options.Add(seedSd);
        read.AddTo(command);
        fit.AddTo(command);
        command.SetAction(parsed =>
        {
            var request = new CurveRequest(parsed.GetValue(paths)!, Directory.GetCurrentDirectory(), read.Bind(parsed), fit.Bind(parsed))
            {
                SeedSd = parsed.GetValue(seedSd),
            };
            var result = CurveUseCase.Run(request, TerminalProgress.Steps(error));
            foreach (var warning in result.Warnings)
                error.WriteLine(warning);
            output.Write(parsed.GetValue(format) == "json" ? CurveJson.Write(result) : CurveText.Write(result));
            return 0;
        });
        return command;
    }
}
