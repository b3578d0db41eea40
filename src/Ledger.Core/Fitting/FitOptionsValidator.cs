using System.Globalization;
using Ledger.Core.Diagnostics;

namespace Ledger.Core.Fitting;

/// <summary>Refuses fit options that make no sense, with the option's name, before any work is done.</summary>
public static class FitOptionsValidator
{
    public static FitOptions Validate(FitOptions options)
    {
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
        return options;
    }

    private static void Require(bool valid, string option, double? value, string expected)
    {
        if (!valid)
        {
            throw new LedgerInputException(ErrorCodes.InvalidOption, SourceLocation.WholeFile(option),
                value?.ToString("R", CultureInfo.InvariantCulture) ?? "nothing", expected);
        }
    }
}
