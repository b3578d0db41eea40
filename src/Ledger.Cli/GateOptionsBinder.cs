using System.CommandLine;
using Ledger.Core.Gating;
using Ledger.Core.Pipeline;

namespace Ledger.Cli;

/// <summary>The options of the gate, shared by `ledger gate` and `ledger check`.</summary>
internal sealed class GateOptionsBinder
{
    private readonly Option<string?> _baseline = new("--baseline")
    {
        Description = $"Compare with the newest older snapshot of this branch, or with this commit (default: a pull request's target branch, else {Baselines.DefaultBranch}).",
    };
    private readonly Option<double> _tolerance = new("--tolerance")
    {
        Description = "Absolute drop in A that is allowed: a recipe regresses when A fell by more than this and the drop is significant.",
        DefaultValueFactory = _ => new GateOptions().Tolerance,
    };
    private readonly Option<bool> _lowerIsBetter = new("--lower-is-better") { Description = "The metric falls as training goes well (a loss): a rise in A is the regression." };
    private readonly Option<string> _allowList = new("--allow-list")
    {
        Description = "Accepted regressions, reviewed like code (default: ./ledger.allow.json, and then a missing file allows nothing; a file named here must exist).",
        DefaultValueFactory = _ => "ledger.allow.json",
    };
    private readonly Option<string> _format = new("--format")
    {
        Description = "Output: text, json (schema ledger.gate/1), markdown, or github (workflow annotations, and the Markdown appended to $GITHUB_STEP_SUMMARY).",
        DefaultValueFactory = _ => "text",
    };

    public GateOptionsBinder()
    {
        _format.AcceptOnlyFromAmong("text", "json", "markdown", "github");
        _tolerance.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is var t && (!double.IsFinite(t) || t < 0))
                result.AddError("the tolerance must be a finite number >= 0");
        });
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _baseline, _tolerance, _lowerIsBetter, _allowList, _format })
            command.Options.Add(option);
    }

    public string? Baseline(ParseResult parsed) => parsed.GetValue(_baseline);

    public GateOptions Options(ParseResult parsed) => new() { Tolerance = parsed.GetValue(_tolerance), LowerIsBetter = parsed.GetValue(_lowerIsBetter) };

    /// <summary>Loaded before the ledger is opened, so a bad allow-list, or a named one that does not exist, is exit 2 with nothing written.</summary>
    public AllowList AllowList(ParseResult parsed) =>
        Core.Gating.AllowList.Load(Path.GetFullPath(parsed.GetValue(_allowList)!), mustExist: parsed.GetResult(_allowList) is { Implicit: false });

    public string Format(ParseResult parsed) => parsed.GetValue(_format)!;
}
