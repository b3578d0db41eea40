using System.Runtime.CompilerServices;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using static Ledger.Core.Reporting.NumberFormat;

namespace Ledger.Core.Reporting.Html;

/// <summary>A as the report's tables show it: the value only when identified, with the interval the gate uses.</summary>
public static class AsymptoteCells
{
    /// <summary>Weak: a fit's text goes when the fit does.</summary>
    private static readonly ConditionalWeakTable<CurveFit, string> IntervalTexts = new();

    public static string Value(CurveFit fit) => fit.IdentifiedAsymptote is { } a ? Short(a.Value) : "-";

    /// <summary>
    /// Worked out once per fit: the interval takes a t quantile, and a report shows the same fit on every page of a
    /// snapshot that holds its runs (in the 1,000-snapshot benchmark, 50,000 times for about 1,000 fits).
    /// </summary>
    public static string IntervalText(CurveFit fit) =>
        IntervalTexts.GetValue(fit, f => f.IdentifiedAsymptote is null ? "-" : Interval(AsymptoteUncertainty.IntervalOf(f)));

    public static string Signed(double value) => (value >= 0 ? "+" : "") + Short(value);
}
