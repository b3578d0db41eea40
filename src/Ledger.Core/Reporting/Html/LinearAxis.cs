using System.Globalization;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// A linear axis whose ends are whole multiples of a 1-2-5 step, about five ticks, mapped onto
/// [<see cref="Start"/>, <see cref="End"/>] (for a y axis Start is the bottom, so it is the larger SVG coordinate).
/// </summary>
public sealed class LinearAxis
{
    public LinearAxis(double min, double max, double start, double end)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || max < min)
            throw new ArgumentOutOfRangeException(nameof(min), $"a linear axis needs finite min <= max; got {min}..{max}");
        if (max == min)
        {
            // One value: a range around it, so the point sits mid-axis rather than dividing by zero.
            var half = min == 0 ? 0.5 : Math.Abs(min) * 0.1;
            (min, max) = (min - half, max + half);
        }
        Step = NiceStep((max - min) / 5);
        Min = Math.Floor(min / Step) * Step;
        Max = Math.Ceiling(max / Step) * Step;
        Start = start;
        End = end;
    }

    public double Min { get; }
    public double Max { get; }
    public double Step { get; }
    public double Start { get; }
    public double End { get; }

    public double Map(double value) => Start + (value - Min) / (Max - Min) * (End - Start);

    /// <summary><see cref="Map"/>, held to the axis' ends: a band that runs off the plot is drawn along its edge.</summary>
    public double MapClamped(double value) => Map(Math.Clamp(double.IsNaN(value) ? Min : value, Min, Max));

    public IReadOnlyList<AxisTick> Ticks()
    {
        var decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(Step) + 1e-9));
        var count = (int)Math.Round((Max - Min) / Step);
        return Enumerable.Range(0, count + 1)
            .Select(i => Min + i * Step)
            .Select(v => Math.Abs(v) < Step * 1e-9 ? 0 : v) // no "-0.00" label
            .Select(v => new AxisTick(v, Map(v), v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)))
            .ToList();
    }

    /// <summary>The 1, 2 or 5 times a power of ten nearest above <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
    }
}
