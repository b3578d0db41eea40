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

        var lines = FitLines.Of(fit, prior);
        foreach (var (label, line) in lines.Where(l => l.Label is not ("prediction" or "planning")))
        {
            text.AppendLine($"  {label + ":",-8} {line}");
        }
        var strong = fit.Correlations.Where(c => Math.Abs(c.Correlation) >= NotableCorrelation).ToList();
        if (strong.Count > 0)
        {
            text.AppendLine($"  correlations: {string.Join(", ", strong.Select(c => $"{c.First}-{c.Second} {c.Correlation:+0.00;-0.00}"))}");
        }
        foreach (var (_, line) in lines.Where(l => l.Label is "prediction" or "planning"))
        {
            text.AppendLine($"  {line}");
        }
    }

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
