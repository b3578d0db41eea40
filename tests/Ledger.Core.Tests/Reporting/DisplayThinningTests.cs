using Ledger.Core.Fitting;
using Ledger.Core.Ingest;
using Ledger.Core.Reporting.Html;

namespace Ledger.Core.Tests.Reporting;

/// <summary>Long runs drawn thinned, for display only: each column's highest and lowest point, the first and the last, nothing else changed.</summary>
public sealed class DisplayThinningTests
{
    [Fact]
    public void A_run_with_at_most_two_points_per_column_is_drawn_whole()
    {
        var points = Enumerable.Range(0, 200).Select(i => new PlotPoint(PlotFrame.Left + 2.4 * i, 100 + i % 7)).ToList();

        Assert.Same(points, DisplayThinning.Thin(points));
    }

    [Fact]
    public void A_run_out_of_order_with_at_most_two_points_per_column_is_drawn_whole_too()
    {
        var points = Enumerable.Range(0, 200).Select(i => new PlotPoint(PlotFrame.Left + 2.4 * ((i * 37) % 200), 100 + i % 7)).ToList();

        Assert.Same(points, DisplayThinning.Thin(points));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_third_point_in_one_column_is_left_out_in_order_or_not(bool reversed)
    {
        // Columns 2 units wide: the points at 10.1, 10.5 and 10.9 share one; the middle one is neither its highest nor its lowest.
        var points = new[] { 4.0, 10.1, 10.5, 10.9, 16.0 }.Select((x, i) => new PlotPoint(PlotFrame.Left + x, new[] { 50.0, 40, 45, 60, 55 }[i])).ToList();
        if (reversed)
            points.Reverse();

        var drawn = DisplayThinning.Thin(points);

        Assert.Equal(points.Where(p => p.Y != 45), drawn);
    }

    [Fact]
    public void A_dense_run_keeps_its_first_and_last_points_its_spikes_and_at_most_the_limit_in_order()
    {
        var random = new Random(7);
        var points = Enumerable.Range(0, 20_000)
            .Select(i => new PlotPoint(PlotFrame.Left + (PlotFrame.Right - PlotFrame.Left) * i / 19_999.0, 200 + 10 * random.NextDouble()))
            .ToList();
        points[12_345] = points[12_345] with { Y = 20 };
        points[777] = points[777] with { Y = 320 };

        var drawn = DisplayThinning.Thin(points);

        Assert.InRange(drawn.Count, 2, DisplayThinning.MaxPoints);
        Assert.Equal(500, DisplayThinning.MaxPoints);
        Assert.Equal(points[0], drawn[0]);
        Assert.Equal(points[^1], drawn[^1]);
        Assert.Contains(points[12_345], drawn);
        Assert.Contains(points[777], drawn);
        Assert.Equal(drawn.OrderBy(p => p.X), drawn);
        Assert.Equal(drawn, DisplayThinning.Thin(points));
        // Every column keeps its own extremes.
        foreach (var column in points.GroupBy(p => Math.Floor((p.X - PlotFrame.Left) / DisplayThinning.ColumnWidth)))
        {
            Assert.Contains(column.MinBy(p => p.Y), drawn);
            Assert.Contains(column.MaxBy(p => p.Y), drawn);
        }
    }

    [Fact]
    public void A_plot_of_a_run_logged_at_every_step_draws_it_thinned_and_says_how_many_points_it_left_out()
    {
        var run = Enumerable.Range(1, 10_000).Select(i => new CurvePoint(100.0 * i, 0.8 * i / (i + 2_000.0))).ToList();

        var plot = CurvePlot.Build([run], fit: null, targetCompute: null)!;

        var drawn = plot.Series.Single().Points.Count;
        Assert.InRange(drawn, 2, DisplayThinning.MaxPoints);
        Assert.Equal(10_000 - drawn, plot.ThinnedPoints);
        Assert.Equal(0, plot.HiddenPoints);
    }
}
