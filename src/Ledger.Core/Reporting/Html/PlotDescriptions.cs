using System.Globalization;
using Ledger.Core.Fitting;
using Ledger.Core.Pipeline;
using static Ledger.Core.Reporting.NumberFormat;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// Every plot's words for screen readers: a title naming what it shows and a description of what it shows in numbers
/// ("cispo: A fell from 0.7816 to 0.7023 ..."), the same numbers the page's tables hold, so a reader who cannot see the
/// picture loses nothing of it.
/// </summary>
internal static class PlotDescriptions
{
    public static PlotText Curve(string recipe, CurveFit fit, int runs, int points, CurvePlot plot, CurveFit? baseline, AsymptoteChange? change)
    {
        var words = new List<string> { $"{Count(runs, "run")}, {Count(points, "point")}." };
        if (fit.IdentifiedAsymptote is { } a)
            words.Add($"Fitted {fit.Model.Name()} curve: A {Short(a.Value)} {AsymptoteCells.IntervalText(fit)} ({Percent(plot.ConfidenceLevel)}).");
        else
            words.Add($"Fit {FitRecords.StatusName(fit.Status)}{(fit.Reason is { Length: > 0 } r ? ": " + r : "")}; A is not identified.");
        if (fit.Parameter("C_mid") is { } midpoint && fit.Status == FitStatus.Ok)
            words.Add($"C_mid {Short(midpoint.Value)} GPU-hours.");
        if (plot.Numbers.Count > 0)
            words.Add($"The curve reads {plot.Numbers[0].Fitted} at {plot.Numbers[0].Compute} GPU-hours and {plot.Numbers[^1].Fitted} at {plot.Numbers[^1].Compute}{(plot.Numbers[^1].Extrapolated ? " (extrapolated)" : "")}.");
        if (baseline is not null)
        {
            var before = baseline.IdentifiedAsymptote?.Value;
            var now = fit.IdentifiedAsymptote?.Value;
            words.Add(before is { } b && now is { } n && change is not null
                ? $"Against the baseline (grey), A {(change.Delta < 0 ? "fell" : "rose")} from {Short(b)} to {Short(n)}: change {AsymptoteCells.Signed(change.Delta)} {Interval(new Interval(change.Lower, change.Upper))}."
                : $"The baseline (grey) has A {(before is { } ba ? Short(ba) : "not identified")}.");
        }
        return new PlotText($"{recipe}: reward against RL compute", string.Join(" ", words));
    }

    public static PlotText OverTime(string recipe, IReadOnlyList<AsymptoteSample> samples, AsymptotePlot plot, AsymptoteSteps? steps)
    {
        var words = new List<string>();
        // Grouped once: a CI ledger has a branch per pull request, hundreds of them beside main's snapshots.
        var byBranch = samples.GroupBy(s => s.Branch, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var branch in plot.Branches)
        {
            var mine = byBranch[branch.Name];
            words.Add($"{branch.Name}{(branch.Joined ? " (joined by a line)" : "")}: {Count(mine.Count, "snapshot")}, A from {Short(mine[0].A)} (#{Id(mine[0].Snapshot)}) to {Short(mine[^1].A)} (#{Id(mine[^1].Snapshot)}), lowest {Short(mine.Min(s => s.A))}, highest {Short(mine.Max(s => s.A))}.");
        }
        var baselines = samples.Count(s => s.IsBaseline);
        if (baselines > 0)
            words.Add($"{Count(baselines, "snapshot")} ringed as the gate's baselines.");
        foreach (var (mark, name) in new[] { (AsymptoteMark.Regressed, "regressed"), (AsymptoteMark.Allowed, "allowed regressions"), (AsymptoteMark.Improved, "improved") })
        {
            var marked = samples.Where(s => s.Mark == mark).Select(s => "#" + Id(s.Snapshot)).ToList();
            if (marked.Count > 0)
                words.Add($"Marked {name}: {string.Join(", ", marked)}.");
        }
        if (steps is { Changes.Count: > 0 })
            words.Add($"Changes along {steps.Branch}: {string.Join(", ", steps.Changes.Select(c => c.Label + (c.Acknowledged ? " (acknowledged)" : "")))}.");
        return new PlotText($"{recipe}: A over time", string.Join(" ", words) + " The table under the plot lists every snapshot.");
    }

    public static PlotText Sparkline(string recipe, string branch, IReadOnlyList<double> values) => new(
        $"{recipe}: A over {branch}",
        $"{Count(values.Count, "snapshot")}: A from {Short(values[0])} to {Short(values[^1])}, lowest {Short(values.Min())}, highest {Short(values.Max())}. The recipe's page tables every snapshot's A.");

    public static PlotText ForestRow(string recipe, string verdict, double change, double lower, double upper) => new(
        $"{recipe}: change in A",
        $"{verdict}: change in A {AsymptoteCells.Signed(change)}, interval {Interval(new Interval(lower, upper))}.");

    public static PlotText ForestEmpty(string recipe, string verdict) => new($"{recipe}: change in A", $"{verdict}: no change measured.");

    public static PlotText ForestAxis(LinearAxis axis, ToleranceBand band) => new(
        "change in A: the axis",
        $"From {Short(axis.Min)} to {Short(axis.Max)}; shaded: {(band.LowerIsBetter ? "above" : "below")} {Short(band.Edge)}, where a change fails the gate.");

    /// <param name="ranked">The drawn recipes with their A, highest first.</param>
    public static PlotText AllRecipes(long snapshot, double target, IReadOnlyList<(string Recipe, string A)> ranked) => new(
        $"Every recipe's fitted curve, snapshot {Id(snapshot)}",
        $"{Count(ranked.Count, "recipe")} drawn against RL compute, extrapolated to {Short(target)} GPU-hours. A by recipe, highest first: "
        + string.Join("; ", ranked.Select(r => $"{r.Recipe} {r.A}")) + ".");

    private static string Count(int n, string thing) => $"{n.ToString(CultureInfo.InvariantCulture)} {thing}{(n == 1 ? "" : "s")}";

    private static string Id(long snapshot) => snapshot.ToString(CultureInfo.InvariantCulture);
}
