using System.Globalization;

namespace Ledger.Core.Reporting;

/// <summary>How numbers read in text output: a few significant digits, invariant culture, and words for the non-finite.</summary>
public static class NumberFormat
{
    public static string Short(double value) => value switch
    {
        double.PositiveInfinity => "+inf",
        double.NegativeInfinity => "-inf",
        _ when double.IsNaN(value) => "n/a",
        _ when value != 0 && (Math.Abs(value) >= 1e4 || Math.Abs(value) < 1e-3) => value.ToString("0.###e+0", CultureInfo.InvariantCulture),
        _ => value.ToString("G4", CultureInfo.InvariantCulture),
    };

    public static string Interval(Fitting.Interval interval) =>
        interval.IsKnown ? $"[{Short(interval.Lower)}, {Short(interval.Upper)}]" : "n/a";

    public static string Percent(double fraction) =>
        double.IsFinite(fraction) ? (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %" : "n/a";
}
