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
    private readonly Option<bool> _lowerIsBetter = new("--lower-is-better") { Description = "The metric falls as training goes well (a loss): a rise in A is the regression." };
    private readonly Option<string> _allowList = AllowListOption.Create("Accepted regressions and acknowledged changes, reviewed like code");
    private readonly Option<double?> _seedSd = SeedSdOption.Create();
    private readonly Option<string> _unverified = new("--unverified")
    {
        Description = "What a recipe does to the build when its baseline identified A, this build does not, and the metric shows no clear drop: " +
                      "fail (the default: nothing shows it kept its ceiling) or warn.",
        DefaultValueFactory = _ => "fail",
    };
    private readonly Option<string?> _reference = new("--reference")
    {
        Description = $"Measure drift from this commit (or its prefix) of the baseline branch (default: the oldest of its last {GateDrift.Window} snapshots): " +
                      "a recipe whose A has fallen by more than the tolerance since then, over several commits, is 'drifted'.",
    };
    private readonly Option<bool> _failOnDrift = new("--fail-on-drift") { Description = "A drifted recipe fails the build (exit 1) instead of warning (LEDGER307)." };
    private readonly Option<string> _format = new("--format")
    {
        Description = "Output: text, json (schema ledger.gate/1), markdown, github (workflow annotations, and the Markdown appended to $GITHUB_STEP_SUMMARY), " +
                      "or junit (JUnit XML, a test case per recipe, for the test tabs of GitLab, Azure Pipelines and Jenkins).",
        DefaultValueFactory = _ => "text",
    };

    private readonly Option<string?> _junit = new("--junit")
    {
        Description = "Also write the gate as a JUnit XML test report to this file (as --format junit prints it), for a CI server's test tab; " +
                      "written beside it and renamed into place once whole.",
    };

    public GateOptionsBinder()
    {
        // Checked before anything is read or written, so a typo in a CI file fails at once rather than after the append.
        _junit.Validators.Add(result =>
        {
            if (result.GetValue(_junit) is { } file && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder && !Directory.Exists(folder))
                result.AddError($"the folder '{folder}' does not exist");
        });
        _format.AcceptOnlyFromAmong("text", "json", "markdown", "github", "junit");
        _unverified.AcceptOnlyFromAmong("fail", "warn");
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _baseline, _reference, _lowerIsBetter, _allowList, _seedSd, _unverified, _failOnDrift, _format, _junit })
            command.Options.Add(option);
    }

    public string? Baseline(ParseResult parsed) => parsed.GetValue(_baseline);

    public string? Reference(ParseResult parsed) => parsed.GetValue(_reference);

    public bool FailOnDrift(ParseResult parsed) => parsed.GetValue(_failOnDrift);

    /// <summary>The gate's options; the tolerance is the fit options' (--tolerance decides both).</summary>
    public GateOptions Options(ParseResult parsed, Core.Fitting.FitOptions fit)
    {
        UnverifiedPolicies.TryParse(parsed.GetValue(_unverified)!, out var unverified);
        return new GateOptions
        {
            Tolerance = fit.Tolerance,
            LowerIsBetter = parsed.GetValue(_lowerIsBetter),
            SeedSd = parsed.GetValue(_seedSd),
            Unverified = unverified,
            FailOnDrift = parsed.GetValue(_failOnDrift),
        };
    }

    /// <summary>Loaded before the ledger is opened, so a bad allow-list, or a named one that does not exist, is exit 2 with nothing written.</summary>
    public AllowList AllowList(ParseResult parsed) => AllowListOption.Load(parsed, _allowList);

    public string Format(ParseResult parsed) => parsed.GetValue(_format)!;

    public string? JUnitFile(ParseResult parsed) => parsed.GetValue(_junit);
}
