using Ledger.Core.Fitting;

namespace Ledger.Core.Reporting.Html;

/// <summary>The lines under a recipe's parameter table, as `ledger curve` words them (FitLines), with the fit's point and run counts.</summary>
internal static class FitNotes
{
    public static IReadOnlyList<string> Of(CurveFit fit) =>
        FitLines.Of(fit).Select(l => l.Label switch
        {
            "fit" => $"fit: {l.Line}, {fit.PointCount} points from {fit.RunCount} runs",
            "prediction" or "planning" => l.Line,
            _ => $"{l.Label}: {l.Line}",
        }).ToList();
}
