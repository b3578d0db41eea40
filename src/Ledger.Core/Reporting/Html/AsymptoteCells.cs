using Ledger.Core.Fitting;
using static Ledger.Core.Reporting.NumberFormat;

namespace Ledger.Core.Reporting.Html;

/// <summary>A as the report's tables show it: the value only when identified, with the interval the gate uses.</summary>
public static class AsymptoteCells
{
    /// <summary>The bootstrap interval, which carries the seed-to-seed spread, else the profile's, else the Wald interval (the gate's order).</summary>
    public static Fitting.Interval Preferred(CurveFit fit) =>
        fit.BootstrapInterval.IsKnown ? fit.BootstrapInterval
        : fit.ProfileInterval.IsKnown ? fit.ProfileInterval
        : fit.IdentifiedAsymptote?.Interval ?? Fitting.Interval.None;

    public static string Value(CurveFit fit) => fit.IdentifiedAsymptote is { } a ? Short(a.Value) : "-";

    public static string IntervalText(CurveFit fit) => fit.IdentifiedAsymptote is null ? "-" : Interval(Preferred(fit));

    public static string Signed(double value) => (value >= 0 ? "+" : "") + Short(value);
}
