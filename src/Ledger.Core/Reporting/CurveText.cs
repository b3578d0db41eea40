using System.Text;
using Ledger.Core.Diagnostics;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Pipeline;
using static Ledger.Core.Reporting.NumberFormat;

namespace Ledger.Core.Reporting;

/// <summary>
/// The readable fit report of `ledger curve`, after lmfit's: each parameter with its standard error, relative error
/// and interval in aligned columns, the asymptote's three intervals, fit statistics, strong correlations, and the
/// prediction and planning lines. An unidentified fit says why before any number. The reads' warnings are not part of
/// it: the tool writes them to stderr, as every verb does.
/// </summary>
public static class CurveText
{
    private const double NotableCorrelation = 0.8;

    public static string Write(CurveResult result)
    {
        var text = new StringBuilder();
        foreach (var recipe in result.Recipes)
        {
            WriteFit(text, recipe, result.Window, result.Prior);
            text.AppendLine();
        }
        return text.ToString();
    }

    private static void WriteFit(StringBuilder text, RecipeCurve recipe, ComputeWindow? window, SeedVariancePrior? prior)
    {
        var fit = recipe.Fit;
        var computes = recipe.Runs.Select(r => r.Compute.Describe()).Distinct().ToList();
        text.AppendLine($"recipe {DisplayText.Escape(fit.Recipe)}: {fit.Model.Name()}, {Count(fit.RunCount, "run")}, {Count(fit.PointCount, "point")}");
        text.AppendLine($"  compute: {string.Join("; ", computes)}");
        if (window is not null)
        {
            var logged = recipe.Runs.Sum(r => r.Points.Count);
            var leftOut = logged - fit.PointCount - fit.SetAside.Count;
            text.AppendLine($"  window:  {window.Describe()}: {fit.PointCount} of {Count(logged, "point")} fitted, {leftOut} left out");
        }
        text.AppendLine(fit.Status switch
        {
            FitStatus.Ok => "  status:  ok",
            _ => $"  status:  {FitRecords.StatusName(fit.Status)}: {fit.Reason}",
        });
        if (fit.Parameters.Count == 0)
        {
            return;
        }
        if (fit.Status != FitStatus.Ok && fit.AsymptoteName is { } name)
        {
            text.AppendLine($"  the estimates below are not a ceiling to rank or gate on: {name} is not identified");
        }

        var level = Percent(fit.ConfidenceLevel);
        var rows = new List<string[]> { new[] { "", "value", "std err", "rel err", $"{level} interval" } };
        rows.AddRange(fit.Parameters.Select(p => new[]
        {
            p.Name, Short(p.Value), Short(p.StandardError),
            p.Value != 0 ? Percent(Math.Abs(p.StandardError / p.Value)) : "n/a", Interval(p.Interval),
        }));
        TextTable.Append(text, rows, leftAligned: c => c == 0, indent: "    ");

        if (fit.AsymptoteName is { } asymptote)
        {
            text.AppendLine($"  {asymptote} {level}: {AsymptoteLine(fit, prior)}");
            if (fit.Alternative is { } alternative)
            {
                text.AppendLine($"  model:   a Richards curve (shape {Short(alternative.Shape)}) that fits as well gives {asymptote} = {Short(alternative.Asymptote)}");
            }
        }
        text.AppendLine($"  fit:     SSE {Short(fit.Sse)}, RMSE {Short(fit.Rmse)}, R^2 {Short(fit.RSquared)}, {fit.Iterations} iterations");
        foreach (var point in fit.SetAside)
        {
            text.AppendLine($"  set aside: run {point.Run} at C = {Short(point.Compute)}, metric {Short(point.Reward)}, " +
                            $"{Short(point.RobustSds)} robust SDs from the curve (an outlier such as a crashed evaluation)");
        }
        var strong = fit.Correlations.Where(c => Math.Abs(c.Correlation) >= NotableCorrelation).ToList();
        if (strong.Count > 0)
        {
            text.AppendLine($"  correlations: {string.Join(", ", strong.Select(c => $"{c.First}-{c.Second} {c.Correlation:+0.00;-0.00}"))}");
        }
        if (fit.Prediction is { } prediction)
        {
            text.AppendLine($"  predict C = {Short(prediction.Compute)}: {Short(prediction.Value)} {Interval(prediction.Delta)} (delta), {Interval(prediction.Bootstrap)} (bootstrap)");
        }
        if (fit.Planning is { } planning)
        {
            text.AppendLine($"  compute to {Percent(planning.Fraction)} of the way to A: {Short(planning.Compute)} {Interval(planning.Delta)} (delta), {Interval(planning.Bootstrap)} (bootstrap)");
        }
    }

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    /// <summary>
    /// "seeds [0.805, 0.823] (3 seeds); profile [0.806, 0.822] (within runs, autocorrelation x1.8); bootstrap
    /// [0.8, 0.83] (over runs, all 10 distinct resamples)": each interval on A named for what it rests on.
    /// </summary>
    public static string AsymptoteLine(CurveFit fit, SeedVariancePrior? prior)
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
