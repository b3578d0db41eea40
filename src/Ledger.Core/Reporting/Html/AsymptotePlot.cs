using System.Globalization;

namespace Ledger.Core.Reporting.Html;

/// <summary>How one snapshot's A is marked on a recipe's plot over time.</summary>
public enum AsymptoteMark
{
    /// <summary>A fitted A with no verdict, or a verdict that needs no mark.</summary>
    Plain,
    Regressed,
    /// <summary>A significant regression that the allow-list accepted.</summary>
    Allowed,
    Improved,
}

/// <summary>One snapshot's A with its interval (an open side is infinite), how it is marked, and whether later snapshots were gated against it.</summary>
public sealed record AsymptoteSample(long Snapshot, DateTimeOffset Time, double A, double Lower, double Upper, AsymptoteMark Mark, bool IsBaseline);

/// <summary>One drawn snapshot: its marker, its interval bar (ends held to the plot) and whether it is ringed as a baseline.</summary>
public sealed record AsymptotePoint(double X, double Y, double BarTop, double BarBottom, AsymptoteMark Mark, bool IsBaseline);

/// <summary>
/// The geometry of a recipe's A over time: one column per snapshot with an identified A, oldest left, evenly
/// spaced (snapshots come at irregular times; order is what a reader follows), with interval bars, the baselines
/// ringed and regressions marked. A few columns are labelled with their snapshot's id and date.
/// </summary>
public sealed class AsymptotePlot
{
    private const int MaxDateLabels = 6;

    public required LinearAxis Y { get; init; }
    public required IReadOnlyList<AsymptotePoint> Points { get; init; }
    public required IReadOnlyList<AxisTick> XTicks { get; init; }

    /// <returns>Null when there is no sample to draw.</returns>
    public static AsymptotePlot? Build(IReadOnlyList<AsymptoteSample> samples)
    {
        if (samples.Count == 0)
            return null;
        var finite = samples.SelectMany(s => new[] { s.A, s.Lower, s.Upper }).Where(double.IsFinite).ToList();
        var y = new LinearAxis(finite.Min(), finite.Max(), PlotFrame.Bottom, PlotFrame.Top);
        // Half a column of space at either end, so the first and last bars are not drawn on the frame.
        var column = (PlotFrame.Right - PlotFrame.Left) / samples.Count;
        double X(int i) => PlotFrame.Left + column * (i + 0.5);
        var every = (int)Math.Ceiling(samples.Count / (double)MaxDateLabels);
        return new AsymptotePlot
        {
            Y = y,
            Points = samples.Select((s, i) => new AsymptotePoint(X(i), y.Map(s.A), y.MapClamped(s.Upper), y.MapClamped(s.Lower), s.Mark, s.IsBaseline)).ToList(),
            XTicks = samples.Select((s, i) => (s, i)).Where(p => p.i % every == 0)
                .Select(p => new AxisTick(p.i, X(p.i), "#" + p.s.Snapshot.ToString(CultureInfo.InvariantCulture),
                    p.s.Time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ToList(),
        };
    }
}
