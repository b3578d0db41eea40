using System.Runtime.CompilerServices;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using static Ledger.Core.Reporting.NumberFormat;

namespace Ledger.Core.Reporting.Html;

/// <summary>A as the report's tables show it: the value only when identified, with the interval the gate uses.</summary>
public static class AsymptoteCells
{
    /// <summary>Weak: a fit's entry goes when the fit does.</summary>
    private static readonly ConditionalWeakTable<CurveFit, Shown> Intervals = new();

    public static string Value(CurveFit fit) => fit.IdentifiedAsymptote is { } a ? Short(a.Value) : "-";

    /// <summary>
    /// The gate's interval on A (<see cref="AsymptoteUncertainty.IntervalOf"/>), worked out once per fit: it takes a
    /// t quantile, and a report shows the same fit on every page of a snapshot that holds its runs and in its recipe's
    /// history (in the 1,000-snapshot benchmark, about 100,000 times for about 1,000 fits).
    /// </summary>
    public static Interval IntervalOf(CurveFit fit) => ShownOf(fit).Interval;

    public static string IntervalText(CurveFit fit) => ShownOf(fit).Text;

    public static string Signed(double value) => (value >= 0 ? "+" : "") + Short(value);

    private static Shown ShownOf(CurveFit fit) => Intervals.GetValue(fit, f =>
    {
        var interval = AsymptoteUncertainty.IntervalOf(f);
        return new Shown(interval, f.IdentifiedAsymptote is null ? "-" : Interval(interval));
    });

    private sealed record Shown(Interval Interval, string Text);
}
