using System.CommandLine;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting;
using Ledger.Core.Storage;

namespace Ledger.Cli;

/// <summary>`ledger changes`: the commits where each recipe's A stepped or drifted along a branch.</summary>
internal static class ChangesCommand
{
    public static Command Create(TextWriter output)
    {
        var recipe = new Option<string?>("--recipe") { Description = "Only this recipe (default: every recipe of the branch)." };
        var since = new Option<string?>("--since") { Description = "Read the branch's history from this commit (or its prefix) on; its A is the first level." };
        var format = new Option<string>("--format") { Description = "Output: text (an aligned table) or json (schema ledger.changes/1).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var seedSd = SeedSdOption.Create();
        var allowList = AllowListOption.Create("Acknowledged changes (not reported again; history is read from after them), reviewed like code");
        var ledger = new LedgerOptionsBinder(commitDescription: null,
            $"The branch to read (default: {Baselines.DefaultBranch}, whose snapshots the gate compares builds with).");
        var fit = new FitOptionsBinder();

        var command = new Command("changes",
            "Name the commits where each recipe's asymptote A moved along a branch: a step (between two commits) or a drift (over " +
            "several, listed). A is read from the stored fits, each with its seed-level uncertainty as its weight, segmented (asv's " +
            "weighted L1 Potts model) and tested: a change is reported when the data show A moved by more than --tolerance (a " +
            "margin), at 5 % per recipe. Reads stored fits only, never refits, never changes the ledger.");
        command.Options.Add(recipe);
        command.Options.Add(since);
        command.Options.Add(format);
        command.Options.Add(seedSd);
        command.Options.Add(allowList);
        ledger.AddTo(command);
        fit.AddTo(command);
        command.SetAction(parsed =>
        {
            var request = new ChangesRequest(ledger.Branch(parsed), parsed.GetValue(recipe), parsed.GetValue(since), fit.Bind(parsed),
                parsed.GetValue(seedSd), AllowListOption.Load(parsed, allowList));
            ChangesOutcome outcome;
            using (var store = ledger.Open(parsed, LedgerAccess.ReadOnly))
                outcome = ChangesUseCase.Run(request, store);
            output.Write(parsed.GetValue(format) == "json" ? ChangesJson.Write(outcome) : ChangesText.Write(outcome));
            return 0;
        });
        return command;
    }
}
