using System.Globalization;
using Ledger.Core.Diagnostics;

namespace Ledger.Core.Fitting;

/// <summary>Refuses fit options that make no sense, with the option's name, before any work is done.</summary>
public static class FitOptionsValidator
{
    public const string MinComputeOption = "--min-compute";
    public const string MaxComputeOption = "--max-compute";

    /// <param name="projectFile">
    /// The MSBuild project the options come from: errors then point at it and name the option by
    /// <paramref name="propertyOf"/> (the property that sets it) rather than by its command-line name.
    /// </param>
    public static FitOptions Validate(FitOptions options, string? projectFile = null, Func<string, string>? propertyOf = null)
    {
        string Name(string option) => projectFile is not null && propertyOf is not null ? propertyOf(option) : option;
        void Require(bool valid, string option, double? value, string expected)
        {
            if (valid)
                return;
            var shown = value?.ToString("R", CultureInfo.InvariantCulture) ?? "nothing";
            throw projectFile is null
                ? new LedgerInputException(ErrorCodes.InvalidOption, SourceLocation.WholeFile(option), shown, expected)
                : new LedgerInputException(ErrorCodes.InvalidOption, SourceLocation.WholeFile(projectFile), $"{Name(option)} = {shown}", expected);
        }

        Require(options.BootstrapResamples >= 0, "--bootstrap", options.BootstrapResamples, "0 or more resamples");
        Require(options.ConfidenceLevel is > 0 and < 1, "--confidence", options.ConfidenceLevel, "a level between 0 and 1, such as 0.95");
        Require(options.PlanningFraction is > 0 and < 1, "--fraction", options.PlanningFraction, "a fraction between 0 and 1, such as 0.95");
        Require(options.MaxIntervalWidthFraction > 0, "--max-a-width-fraction", options.MaxIntervalWidthFraction, "a positive fraction");
        Require(options.MaxIntervalWidth is null or > 0, "--max-a-width", options.MaxIntervalWidth, "a positive width");
        Require(options.Tolerance >= 0 && double.IsFinite(options.Tolerance), "--tolerance", options.Tolerance, "a change in A of 0 or more, such as 0.02");
        Require(options.PredictAt is not { } at || (at > 0 && double.IsFinite(at)), "--predict", options.PredictAt, "a positive compute");
        Require(options.FixedR0 is null || double.IsFinite(options.FixedR0.Value), "--r0", options.FixedR0, "a finite number");
        Require(options.RewardMin is null || options.RewardMax is null || options.RewardMin < options.RewardMax,
            "--reward-min", options.RewardMin, "a bound below --reward-max");
        if (options.Window is { } window)
        {
            Require(window.Min is not null || window.Max is not null, MinComputeOption, null, $"a compute from which to fit, or {Name(MaxComputeOption)}");
            Require(window.Min is not { } min || (double.IsFinite(min) && min >= 0), MinComputeOption, window.Min, "a finite compute of 0 or more GPU-hours");
            Require(window.Max is not { } max || (double.IsFinite(max) && max >= 0), MaxComputeOption, window.Max, "a finite compute of 0 or more GPU-hours");
            Require(window is not { Min: { } from, Max: { } to } || from < to, MaxComputeOption, window.Max,
                $"a compute above {Name(MinComputeOption)} ({window.Min?.ToString("R", CultureInfo.InvariantCulture)})");
        }
        return options;
    }
}
