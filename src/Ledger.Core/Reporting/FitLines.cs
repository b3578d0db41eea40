using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using static Ledger.Core.Reporting.NumberFormat;

namespace Ledger.Core.Reporting;

/// <summary>
/// The lines that say what a fit found beyond its parameter table, worded once for `ledger curve` and the report: A's
/// intervals, each named for what it rests on, a richer curve that fits as well, the fit's statistics, points set aside,
/// the prediction and the planning figure. Each comes with a short label ("A 95 %", "model", "fit", ...).
/// </summary>
public static class FitLines
{
    public static IReadOnlyList<(string Label, string Line)> Of(CurveFit fit, SeedVariancePrior? prior = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var lines = new List<(string, string)>();
        if (fit.AsymptoteName is { } asymptote && fit.Parameters.Count > 0)
        {
            lines.Add(($"{asymptote} {Percent(fit.ConfidenceLevel)}", Asymptote(fit, prior)));
            if (fit.Alternative is { } alternative)
                lines.Add(("model", $"a Richards curve (shape {Short(alternative.Shape)}) that fits as well gives {asymptote} = {Short(alternative.Asymptote)}"));
        }
        if (fit.Status != FitStatus.Failed)
            lines.Add(("fit", $"SSE {Short(fit.Sse)}, RMSE {Short(fit.Rmse)}, R^2 {Short(fit.RSquared)}, {fit.Iterations} iterations"));
        foreach (var point in fit.SetAside)
        {
            lines.Add(("set aside", $"run {point.Run} at C = {Short(point.Compute)}, metric {Short(point.Reward)}, " +
                                    $"{Short(point.RobustSds)} robust SDs from the curve (an outlier such as a crashed evaluation)"));
        }
        if (fit.Prediction is { } p)
            lines.Add(("prediction", $"predict C = {Short(p.Compute)}: {Short(p.Value)} {Interval(p.Delta)} (delta), {Interval(p.Bootstrap)} (bootstrap)"));
        if (fit.Planning is { } plan)
        {
            lines.Add(("planning", $"compute to {Percent(plan.Fraction)} of the way to A: {Short(plan.Compute)} {Interval(plan.Delta)} (delta), " +
                                   $"{Interval(plan.Bootstrap)} (bootstrap)"));
        }
        return lines;
    }

    /// <summary>
    /// "seeds [0.805, 0.823] (3 seeds); profile [0.806, 0.822] (within runs, autocorrelation x1.8); bootstrap
    /// [0.8, 0.83] (over runs, all 10 distinct resamples)": each interval on A named for what it rests on.
    /// </summary>
    public static string Asymptote(CurveFit fit, SeedVariancePrior? prior)
    {
        var seeds = AsymptoteUncertainty.Of(fit, prior);
        var parts = new List<string>();
        if (seeds is not null)
            parts.Add($"seeds {Interval(seeds.Interval(fit.ConfidenceLevel))} ({seeds.Describe(prior)})");
        var inflation = fit.AutocorrelationInflation > 1 ? $", autocorrelation x{Short(Math.Sqrt(fit.AutocorrelationInflation))}" : "";
        parts.Add($"profile {Interval(fit.ProfileInterval)} (within runs{inflation})");
        if (fit.Bootstrap is { } b)
        {
            var resamples = b.Exhaustive ? $"all {b.Resamples} distinct resamples" : $"{b.Resamples} resamples";
            parts.Add($"bootstrap {Interval(fit.BootstrapInterval)} (over {b.Method}, {resamples}{(b.Failed > 0 ? $", {b.Failed} failed" : "")})");
        }
        return string.Join("; ", parts);
    }
}
