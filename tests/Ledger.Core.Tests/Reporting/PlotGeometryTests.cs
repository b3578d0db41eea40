using Ledger.Core.Fitting;
using Ledger.Core.Ingest;
using Ledger.Core.Reporting.Html;
using static Ledger.Core.Reporting.Html.PlotFrame;

namespace Ledger.Core.Tests.Reporting;

/// <summary>The plot geometry against coordinates worked out by hand from <see cref="PlotFrame"/>.</summary>
public sealed class PlotGeometryTests
{
    private const double Precision = 9;

    [Fact]
    public void A_log_axis_spans_whole_decades_and_maps_each_decade_to_an_equal_length()
    {
        var axis = new LogAxis(250, 40_000, Left, Right);

        Assert.Equal((2, 5), (axis.LowDecade, axis.HighDecade));
        Assert.Equal(Left, axis.Map(100), Precision);
        Assert.Equal(Right, axis.Map(100_000), Precision);
        Assert.Equal(Left + (Right - Left) / 3, axis.Map(1_000), Precision);
        Assert.Equal(Left + (Right - Left) * (Math.Log10(5_000) - 2) / 3, axis.Map(5_000), Precision);

        var ticks = axis.Ticks();
        Assert.Equal(["100", "1k", "10k", "100k"], ticks.Where(t => t.IsMajor).Select(t => t.Label));
        Assert.Equal(3 * 8, ticks.Count(t => !t.IsMajor));
        Assert.All(ticks, t => Assert.InRange(t.Position, Left, Right));
    }

    [Fact]
    public void A_range_within_one_decade_still_gets_a_whole_decade_and_a_wide_range_labels_at_most_eight_decades()
    {
        Assert.Equal((3, 4), (new LogAxis(2_000, 3_000, Left, Right).LowDecade, new LogAxis(2_000, 3_000, Left, Right).HighDecade));
        Assert.Equal((3, 4), (new LogAxis(1_000, 1_000, Left, Right).LowDecade, new LogAxis(1_000, 1_000, Left, Right).HighDecade));

        var wide = new LogAxis(1e-3, 1e9, Left, Right).Ticks();
        Assert.Equal(["0.001", "0.1", "10", "1k", "100k", "10M", "1e9"], wide.Where(t => t.IsMajor).Select(t => t.Label));
        Assert.Equal(13, wide.Count);
    }

    [Theory]
    [InlineData(-4, "1e-4")]
    [InlineData(-3, "0.001")]
    [InlineData(-1, "0.1")]
    [InlineData(0, "1")]
    [InlineData(2, "100")]
    [InlineData(4, "10k")]
    [InlineData(6, "1M")]
    [InlineData(8, "100M")]
    [InlineData(9, "1e9")]
    public void Decades_read_as_people_write_GPU_hours(int decade, string label) => Assert.Equal(label, LogAxis.DecadeLabel(decade));

    [Fact]
    public void A_linear_axis_ends_on_whole_one_two_five_steps_and_maps_its_ends_to_the_frame()
    {
        var axis = new LinearAxis(0.04, 0.81, Bottom, Top);

        Assert.Equal((0, 1, 0.2), (axis.Min, axis.Max, axis.Step), (a, b) => Math.Abs(a.Item1 - b.Item1) + Math.Abs(a.Item2 - b.Item2) + Math.Abs(a.Item3 - b.Item3) < 1e-12);
        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], axis.Ticks().Select(t => t.Label));
        Assert.Equal(Bottom, axis.Map(0), Precision);
        Assert.Equal(Top, axis.Map(1), Precision);
        Assert.Equal((Bottom + Top) / 2, axis.Map(0.5), Precision);
        Assert.Equal(Top, axis.MapClamped(7), Precision);
        Assert.Equal(Bottom, axis.MapClamped(double.NegativeInfinity), Precision);
    }

    [Theory]
    [InlineData(0.7, 1)]
    [InlineData(0.15, 0.2)]
    [InlineData(0.03, 0.05)]
    [InlineData(3.0, 5)]
    [InlineData(60, 100)]
    public void Steps_are_one_two_or_five_times_a_power_of_ten(double rough, double step) => Assert.Equal(step, LinearAxis.NiceStep(rough), Precision);

    [Fact]
    public void Negative_and_constant_ranges_get_labelled_ticks_without_a_negative_zero()
    {
        Assert.Equal(["-1.0", "-0.5", "0.0", "0.5", "1.0"], new LinearAxis(-0.9, 0.9, Bottom, Top).Ticks().Select(t => t.Label));
        var constant = new LinearAxis(0.5, 0.5, Bottom, Top);
        Assert.True(constant.Min < 0.5 && constant.Max > 0.5);
    }

    [Fact]
    public void Observed_points_land_on_known_coordinates_one_colour_per_run()
    {
        // Two runs whose points sit on the axis' corners and centre: 100..10k is two decades, 0..1 five steps of 0.2.
        IReadOnlyList<CurvePoint> first = [new(100, 0), new(10_000, 1)];
        IReadOnlyList<CurvePoint> second = [new(1_000, 0.5), new(0, 0.3)];

        var plot = CurvePlot.Build([first, second], fit: null, targetCompute: null)!;

        Assert.Equal([new PlotPoint(Left, Bottom), new PlotPoint(Right, Top)], plot.Series[0].Points);
        Assert.Equal([new PlotPoint((Left + Right) / 2, (Bottom + Top) / 2)], plot.Series[1].Points);
        Assert.Equal([OkabeIto.Colours[0], OkabeIto.Colours[1]], plot.Series.Select(s => s.Colour));
        Assert.Equal(1, plot.HiddenPoints);
        Assert.Empty(plot.Fit);
        Assert.Empty(plot.Band);
        Assert.Null(plot.AsymptoteY);
    }

    [Fact]
    public void An_identified_fit_draws_its_curve_band_asymptote_midpoint_and_extrapolation_to_the_target()
    {
        var fit = Sigmoid(FitStatus.Ok);
        var points = Enumerable.Range(0, 12).Select(i => 100 * Math.Pow(1.6, i)).Select(c => new CurvePoint(c, Value(c))).ToList();

        var plot = CurvePlot.Build([points], fit, targetCompute: 100_000)!;

        Assert.Equal((2, 5), (plot.X.LowDecade, plot.X.HighDecade));
        Assert.Equal(plot.Y.Map(0.8), plot.AsymptoteY!.Value, Precision);
        Assert.Equal(plot.X.Map(1_000), plot.MidpointX!.Value, Precision);
        Assert.Equal(plot.X.Map(100_000), plot.Target!.Value.X, Precision);
        Assert.Equal(plot.Y.Map(Value(100_000)), plot.Target!.Value.Y, Precision);
        // The curve starts at the first point, hands over to the dashed extrapolation at the last, and ends at the target.
        Assert.Equal(plot.Series[0].Points[0].X, plot.Fit[0].X, Precision);
        Assert.Equal(plot.Fit[^1], plot.Extrapolation[0]);
        Assert.Equal(plot.Target.Value, plot.Extrapolation[^1]);
        foreach (var p in plot.Fit)
        {
            var compute = Math.Pow(10, plot.X.LowDecade + (p.X - Left) / (Right - Left) * (plot.X.HighDecade - plot.X.LowDecade));
            Assert.Equal(plot.Y.Map(Value(compute)), p.Y, 6);
        }
        // The band is one polygon around the curve: its upper edge above (smaller y) and its lower edge below at every sample.
        var samples = plot.Fit.Count + plot.Extrapolation.Count - 1;
        Assert.Equal(2 * samples, plot.Band.Count);
        var curve = plot.Fit.Concat(plot.Extrapolation.Skip(1)).ToList();
        for (var i = 0; i < samples; i++)
        {
            Assert.True(plot.Band[i].Y <= curve[i].Y + 1e-9 && plot.Band[^(i + 1)].Y >= curve[i].Y - 1e-9);
        }
    }

    [Fact]
    public void The_band_at_C_mid_is_the_delta_method_half_width_worked_out_by_hand()
    {
        // At C = C_mid the curve is half way: dR/dR0 = dR/dA = 1/2, dR/dB = 0 (ln 1), dR/dC_mid = -(A - R0) B / (4 C_mid).
        var dMid = -(0.8 - 0.05) * 1.5 / (4 * 1_000);
        var variance = 0.25 * 0.005 * 0.005 + 0.25 * 0.01 * 0.01 + dMid * dMid * 30 * 30 + 2 * 0.5 * dMid * (0.6 * 0.01 * 30);

        var curve = PlottedCurve.Of(Sigmoid(FitStatus.Ok))!;

        Assert.Equal(0.425, curve.Value(1_000), 12);
        Assert.Equal(1.959963984540054 * Math.Sqrt(variance), curve.HalfWidth(1_000), 12);
    }

    [Fact]
    public void An_unidentified_fit_draws_its_curve_over_the_data_only_with_no_A_no_midpoint_and_no_extrapolation()
    {
        var points = Enumerable.Range(0, 8).Select(i => 100 * Math.Pow(1.3, i)).Select(c => new CurvePoint(c, Value(c))).ToList();

        var plot = CurvePlot.Build([points], Sigmoid(FitStatus.Unidentified), targetCompute: 100_000)!;

        Assert.NotEmpty(plot.Fit);
        Assert.Empty(plot.Extrapolation);
        Assert.Null(plot.Target);
        Assert.Null(plot.AsymptoteY);
        Assert.Null(plot.MidpointX);
        Assert.Equal(3, plot.X.HighDecade);
    }

    [Fact]
    public void The_compute_left_out_of_a_windowed_fit_is_shaded_from_the_frame_to_each_end_of_the_window()
    {
        // 100 to 100k: three decades, so 1k sits a third of the way along and 10k two thirds.
        var points = Enumerable.Range(0, 16).Select(i => 100 * Math.Pow(1.58, i)).Select(c => new CurvePoint(c, Value(c))).ToList();

        var plot = CurvePlot.Build([points], Sigmoid(FitStatus.Ok), targetCompute: null, new ComputeWindow(1_000, 10_000))!;
        var fromOnly = CurvePlot.Build([points], Sigmoid(FitStatus.Ok), targetCompute: null, new ComputeWindow(1_000, null))!;
        var beyondTheAxis = CurvePlot.Build([points], Sigmoid(FitStatus.Ok), targetCompute: null, new ComputeWindow(0, 1e9))!;

        Assert.Equal((2, 5), (plot.X.LowDecade, plot.X.HighDecade));
        Assert.Equal(2, plot.LeftOut.Count);
        Assert.Equal(Left, plot.LeftOut[0].Left);
        Assert.Equal(Left + (Right - Left) / 3, plot.LeftOut[0].Right, Precision);
        Assert.Equal(Left + 2 * (Right - Left) / 3, plot.LeftOut[1].Left, Precision);
        Assert.Equal(Right, plot.LeftOut[1].Right);
        Assert.Equal(points.Count(p => p.Compute < 1_000 || p.Compute > 10_000), plot.PointsLeftOut);
        // The curve is drawn where it was fitted, from one end of the window to the other; every point is still drawn.
        Assert.Equal(plot.X.Map(1_000), plot.Fit[0].X, Precision);
        Assert.Equal(plot.X.Map(10_000), plot.Fit[^1].X, Precision);
        Assert.Equal(points.Count, plot.Series[0].Points.Count + plot.ThinnedPoints);
        Assert.Equal([(Left, plot.LeftOut[0].Right)], fromOnly.LeftOut);
        Assert.Empty(beyondTheAxis.LeftOut);
        Assert.Equal(0, beyondTheAxis.PointsLeftOut);
    }

    [Fact]
    public void A_snapshot_series_puts_one_column_per_snapshot_and_holds_an_open_interval_to_the_frame()
    {
        var samples = new[]
        {
            new AsymptoteSample(1, DateTimeOffset.UnixEpoch, 0.8, 0.78, 0.82, AsymptoteMark.Plain, IsBaseline: true),
            new AsymptoteSample(2, DateTimeOffset.UnixEpoch.AddDays(1), 0.7, 0.6, double.PositiveInfinity, AsymptoteMark.Regressed, IsBaseline: false),
        };

        var plot = AsymptotePlot.Build(samples)!;

        var column = (Right - Left) / 2;
        Assert.Equal([Left + column / 2, Left + 1.5 * column], plot.Points.Select(p => p.X));
        Assert.Equal(plot.Y.Map(0.8), plot.Points[0].Y, Precision);
        Assert.Equal(Top, plot.Points[1].BarTop, Precision);
        Assert.Equal(["#1", "#2"], plot.XTicks.Select(t => t.Label));
        Assert.Equal(["1970-01-01", "1970-01-02"], plot.XTicks.Select(t => t.Detail));
        Assert.Null(AsymptotePlot.Build([]));
    }

    [Fact]
    public void The_baseline_branch_is_one_series_and_every_other_branch_has_a_marker_of_its_own_in_order_of_appearance()
    {
        var branches = new[] { "pr/7", "main", "pr/8", "main", "pr/7", "main" };
        var samples = branches.Select((b, i) => new AsymptoteSample(i + 1, DateTimeOffset.UnixEpoch, 0.7 + 0.01 * i, 0.69, 0.8, AsymptoteMark.Plain, false, b)).ToList();

        var plot = AsymptotePlot.Build(samples, baselineBranch: "main")!;
        var unjoined = AsymptotePlot.Build(samples)!;

        Assert.Equal(["main", "pr/7", "pr/8"], plot.Branches.Select(b => b.Name));
        Assert.Equal([true, false, false], plot.Branches.Select(b => b.Joined));
        Assert.Equal([3, 2, 1], plot.Branches.Select(b => b.Snapshots));
        Assert.Equal(3, plot.Branches.Select(b => (b.Colour, b.Shape)).Distinct().Count());
        Assert.Equal([1, 0, 2, 0, 1, 0], plot.Points.Select(p => p.Branch));
        // The series runs through main's columns only, in order: the second, fourth and sixth.
        Assert.Equal(new[] { 1, 3, 5 }.Select(i => new PlotPoint(plot.Points[i].X, plot.Points[i].Y)), plot.Series);
        // Without a baseline branch nothing is joined.
        Assert.Empty(unjoined.Series);
        Assert.DoesNotContain(unjoined.Branches, b => b.Joined);
    }

    [Fact]
    public void The_steps_run_flat_through_each_level_and_each_change_is_marked_at_its_column_with_no_user_text()
    {
        // Snapshots 1-6 on main: A at 0.80 for 1-3, then 0.75; the commits are not hex, so the change is labelled by its snapshot.
        var commits = new[] { "c1", "c2", "c3", "<b>c4</b>", "c5", "c6" };
        var observations = commits.Select((_, i) => new Ledger.Core.Changes.AsymptoteObservation(i, i,
            new Ledger.Core.Gating.SeedLevelEstimate(i < 3 ? 0.80 + 0.001 * (i % 2) : 0.75 - 0.001 * (i % 2), 0.002, 30, Ledger.Core.Gating.UncertaintyBasis.Seeds, 3), $"fit{i}")).ToList();
        var history = Ledger.Core.Changes.RecipeChanges.Of(new Ledger.Core.Changes.AsymptoteSeries("r", commits, observations), new Ledger.Core.Changes.ChangeRule(0.02), []);
        var steps = AsymptoteSteps.Of(history, [1, 2, 3, 4, 5, 6], 0.95, "main");
        var samples = observations.Select((o, i) => new AsymptoteSample(i + 1, DateTimeOffset.UnixEpoch, o.A.Value, o.A.Value - 0.004, o.A.Value + 0.004,
            AsymptoteMark.Plain, IsBaseline: false)).ToList();

        var plot = AsymptotePlot.Build(samples, steps)!;
        var svg = AsymptotePlotSvg.Write(plot, new PlotText("r: A over time", "six snapshots")).ToString();

        var column = (Right - Left) / 6;
        double X(int snapshot) => Left + column * (snapshot - 0.5);
        var (before, after) = (history.Current.Plateaus[0].Level.Value, history.Current.Plateaus[1].Level.Value);
        var line = Assert.Single(plot.StepLines);
        Assert.Equal([X(1) - column / 3, X(3) + column / 3, X(4) - column / 3, X(6) + column / 3], line.Select(p => p.X).ToArray(), new PrecisionComparer());
        Assert.Equal([plot.Y.Map(before), plot.Y.Map(before), plot.Y.Map(after), plot.Y.Map(after)], line.Select(p => p.Y).ToArray(), new PrecisionComparer());
        Assert.Equal((0.800 + 0.801 + 0.800) / 3, before, 9);
        var label = Assert.Single(plot.ChangeLabels);
        Assert.Equal((X(4), "#4", false), (label.X, label.Text, label.Acknowledged));
        Assert.Contains("class=\"steps\"", svg);
        Assert.Contains(">#4</text>", svg);
        Assert.DoesNotContain("<b>", svg);
        Assert.Contains($"stepped {Ledger.Core.Reporting.NumberFormat.Short(after - before)} [", Assert.Single(steps.Descriptions));
        Assert.Equal((0.749 + 0.750 + 0.749) / 3, after, 9);
    }

    private sealed class PrecisionComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;

        public int GetHashCode(double value) => 0;
    }

    private static double Value(double compute) => 0.05 + (0.8 - 0.05) / (1 + Math.Pow(1_000 / compute, 1.5));

    private static CurveFit Sigmoid(FitStatus status) => new()
    {
        Recipe = "r",
        Model = CurveModelKind.Sigmoid4,
        Status = status,
        Parameters =
        [
            new FitParameter("R0", 0.05, 0.005, new Interval(0.04, 0.06)),
            new FitParameter("A", 0.8, 0.01, new Interval(0.78, 0.82)),
            new FitParameter("B", 1.5, 0.05, new Interval(1.4, 1.6)),
            new FitParameter("C_mid", 1_000, 30, new Interval(940, 1_060)),
        ],
        Correlations = [("A", "C_mid", 0.6), ("B", "C_mid", -0.2)],
        AsymptoteName = "A",
        ConfidenceLevel = 0.95,
        FitterVersion = "test",
        InputDigest = "test",
    };
}
