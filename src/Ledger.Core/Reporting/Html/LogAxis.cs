using System.Globalization;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// A log10 axis over whole decades, mapped onto [<see cref="Start"/>, <see cref="End"/>] in SVG user units:
/// compute spans orders of magnitude, and a sigmoid in log compute is symmetric about C_mid.
/// </summary>
public sealed class LogAxis
{
    /// <summary>At most this many labelled decades; a wider range labels every second (third, ...) decade.</summary>
    private const int MaxLabels = 8;

    public LogAxis(double min, double max, double start, double end)
    {
        if (!(min > 0) || !(max >= min) || !double.IsFinite(max))
            throw new ArgumentOutOfRangeException(nameof(min), $"a log axis needs 0 < min <= max, finite; got {min}..{max}");
        LowDecade = (int)Math.Floor(Math.Log10(min));
        HighDecade = Math.Max((int)Math.Ceiling(Math.Log10(max)), LowDecade + 1);
        Start = start;
        End = end;
    }

    public int LowDecade { get; }
    public int HighDecade { get; }
    public double Start { get; }
    public double End { get; }
    public double Min => Math.Pow(10, LowDecade);
    public double Max => Math.Pow(10, HighDecade);

    public double Map(double value) => Start + (Math.Log10(value) - LowDecade) / (HighDecade - LowDecade) * (End - Start);

    /// <summary>
    /// Every decade, labelled (every second, third ... decade when there are more than eight, so labels never
    /// crowd), and when the decades are few enough to leave room, the 2..9 multiples between them, unlabelled.
    /// </summary>
    public IReadOnlyList<AxisTick> Ticks()
    {
        var decades = HighDecade - LowDecade;
        var every = (int)Math.Ceiling(decades / (double)MaxLabels);
        var ticks = new List<AxisTick>();
        for (var decade = LowDecade; decade <= HighDecade; decade++)
        {
            var value = Math.Pow(10, decade);
            ticks.Add(new AxisTick(value, Map(value), (decade - LowDecade) % every == 0 ? DecadeLabel(decade) : ""));
            if (decade == HighDecade || decades > MaxLabels)
                continue;
            for (var m = 2; m <= 9; m++)
            {
                ticks.Add(new AxisTick(m * value, Map(m * value), ""));
            }
        }
        return ticks;
    }

    /// <summary>1, 10, 100, 1k ... 100M as people write GPU-hours; 1e9 and 1e-4 beyond.</summary>
    public static string DecadeLabel(int decade) => decade switch
    {
        >= 9 or < -3 => "1e" + decade.ToString(CultureInfo.InvariantCulture),
        >= 6 => "1" + new string('0', decade - 6) + "M",
        >= 3 => "1" + new string('0', decade - 3) + "k",
        >= 0 => "1" + new string('0', decade),
        _ => "0." + new string('0', -decade - 1) + "1",
    };
}
