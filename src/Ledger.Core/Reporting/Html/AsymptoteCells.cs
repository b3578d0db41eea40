using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using static Ledger.Core.Reporting.NumberFormat;

namespace Ledger.Core.Reporting.Html;

/// <summary>A as the report's tables show it: the value only when identified, with the interval the gate uses.</summary>
public static class AsymptoteCells
{
    public static string Value(CurveFit fit) => fit.IdentifiedAsymptote is { } a ? Short(a.Value) : "-";

    public static string IntervalText(CurveFit fit) => fit.IdentifiedAsymptote is null ? "-" : Interval(AsymptoteUncertainty.IntervalOf(fit));

    public static string Signed(double value) => (value >= 0 ? "+" : "") + Short(value);
}
