using Ledger.Core.Fitting;
using static Ledger.Core.Reporting.NumberFormat;

namespace Ledger.Core.Reporting.Html;

/// <summary>The lines under a recipe's parameter table: A's other intervals, the fit's statistics, the prediction and the planning figure.</summary>
internal static class FitNotes
{
    public static IReadOnlyList<string> Of(CurveFit fit)
    {
        var notes = new List<string>();
        if (fit.IdentifiedAsymptote is not null)
            notes.Add($"{fit.AsymptoteName} {Percent(fit.ConfidenceLevel)}: profile {Interval(fit.ProfileInterval)}, bootstrap {Interval(fit.BootstrapInterval)}" +
                      (fit.Bootstrap is { } b ? $" (bootstrap over {b.Method}, {b.Resamples} resamples)" : ""));
        if (fit.Status != FitStatus.Failed)
            notes.Add($"fit: SSE {Short(fit.Sse)}, RMSE {Short(fit.Rmse)}, R^2 {Short(fit.RSquared)}, {fit.Iterations} iterations, {fit.PointCount} points from {fit.RunCount} runs");
        if (fit.Prediction is { } p)
            notes.Add($"predict C = {Short(p.Compute)}: {Short(p.Value)} {Interval(p.Delta)} (delta), {Interval(p.Bootstrap)} (bootstrap)");
        if (fit.Planning is { } plan)
            notes.Add($"compute to {Percent(plan.Fraction)} of the way to A: {Short(plan.Compute)} {Interval(plan.Delta)} (delta), {Interval(plan.Bootstrap)} (bootstrap)");
        return notes;
    }
}
