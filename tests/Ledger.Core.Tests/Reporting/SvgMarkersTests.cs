using System.Globalization;
using System.Text.RegularExpressions;
using Ledger.Core.Reporting.Html;

namespace Ledger.Core.Tests.Reporting;

/// <summary>A run's points drawn as one path: a subpath per point, each the shape and size of the single marker it replaces.</summary>
public sealed partial class SvgMarkersTests
{
    private static readonly PlotPoint[] Points = [new(100, 200), new(250.25, 80.04), new(64, 328)];

    [Theory]
    [InlineData(MarkerShape.Circle, "points dots")]
    [InlineData(MarkerShape.Square, "points dots square")]
    [InlineData(MarkerShape.Triangle, "points outlines")]
    [InlineData(MarkerShape.Diamond, "points outlines")]
    public void Each_point_is_one_subpath_in_one_path_per_run(MarkerShape shape, string cssClass)
    {
        var markup = new Svg(720, 384, null).Markers(Points, shape, OkabeIto.Blue).Close().Markup;

        Assert.Single(PathTag().Matches(markup));
        Assert.Contains($"<path class=\"{cssClass}\"", markup);
        Assert.Equal(Points.Length, Subpaths(markup).Count);
    }

    [Theory]
    [InlineData(MarkerShape.Triangle)]
    [InlineData(MarkerShape.Diamond)]
    public void A_triangle_or_diamond_subpath_has_the_corners_of_the_single_marker(MarkerShape shape)
    {
        var path = new Svg(720, 384, null).Markers(Points, shape, OkabeIto.Blue).Close().Markup;

        foreach (var (point, subpath) in Points.Zip(Subpaths(path)))
        {
            var single = new Svg(720, 384, null).Marker(point.X, point.Y, shape, OkabeIto.Blue, "point").Close().Markup;
            var corners = PolygonPoints().Match(single).Groups[1].Value.Split(' ').Select(p => p.Split(',').Select(Parse).ToArray()).ToList();
            var drawn = Corners(subpath);
            Assert.Equal(corners.Count, drawn.Count);
            foreach (var (expected, actual) in corners.Zip(drawn))
            {
                Assert.Equal(expected[0], actual.X, 0.11);
                Assert.Equal(expected[1], actual.Y, 0.11);
            }
        }
    }

    [Fact]
    public void A_circle_or_square_subpath_is_a_zero_length_stroke_at_the_point()
    {
        var markup = new Svg(720, 384, null).Markers(Points, MarkerShape.Circle, OkabeIto.Blue).Close().Markup;

        // To a tenth, halves to even as everywhere in the SVG: 250.25 is 250.2. Each point after the first is a move
        // from the one before, in tenths, written without what SVG does not need (a leading zero, a space before a minus).
        Assert.Equal("M100 200h0m150.2-120h0m-186.2 248h0", PathData().Match(markup).Groups[1].Value);
        Assert.Equal(["M100 200h0", "M250.2 80h0", "M64 328h0"], Subpaths(markup));
    }

    [Theory]
    [InlineData(MarkerShape.Circle, 0.0)]
    [InlineData(MarkerShape.Triangle, -1.2 * Svg.MarkerSize)]
    [InlineData(MarkerShape.Diamond, -1.3 * Svg.MarkerSize)]
    public void Relative_moves_put_every_point_where_its_absolute_move_would(MarkerShape shape, double topOffset)
    {
        // Steps of every size from a twentieth to hundreds, both signs, and points closer than a tenth (a zero move).
        var random = new Random(5);
        var points = Enumerable.Range(0, 2_000)
            .Select(i => new PlotPoint(64 + random.NextDouble() * (i % 3 == 0 ? 0.3 : 496), 16 + random.NextDouble() * (i % 5 == 0 ? 0.05 : 312)))
            .ToArray();

        var markup = new Svg(720, 384, null).Markers(points, shape, OkabeIto.Blue).Close().Markup;

        var starts = Subpaths(markup).Select(subpath => Numbers().Matches(subpath).Take(2).Select(m => Parse(m.Value)).ToArray()).ToList();
        Assert.Equal(points.Length, starts.Count);
        foreach (var (point, start) in points.Zip(starts))
        {
            Assert.Equal(Math.Round(point.X, 1), start[0], 1e-9);
            Assert.Equal(Math.Round(point.Y + topOffset, 1), start[1], 1e-9);
        }
    }

    [Fact]
    public void A_hollow_point_is_a_circle_of_the_marker_size_around_the_point()
    {
        var markup = new Svg(720, 384, null).HollowMarkers(Points, CurvePlotSvg.BaselineColour).Close().Markup;

        Assert.Single(PathTag().Matches(markup));
        Assert.Equal(["M96.5 200a3.5 3.5 0 1 0 7 0 3.5 3.5 0 1 0-7 0", "M246.8 80a3.5 3.5 0 1 0 7 0 3.5 3.5 0 1 0-7 0", "M60.5 328a3.5 3.5 0 1 0 7 0 3.5 3.5 0 1 0-7 0"],
            Subpaths(markup));
    }

    /// <summary>
    /// The subpaths of the one path in <paramref name="markup"/>, each from its move, made absolute: a relative move (m)
    /// is from the start of the subpath before, where each of these subpaths ends.
    /// </summary>
    private static List<string> Subpaths(string markup)
    {
        var subpaths = new List<string>();
        var (x, y) = (0.0, 0.0);
        foreach (Match move in Moves().Matches(PathData().Match(markup).Groups[1].Value))
        {
            var (dx, dy) = (Parse(move.Groups[2].Value), Parse(move.Groups[3].Value));
            (x, y) = move.Groups[1].Value == "M" ? (dx, dy) : (Math.Round(x + dx, 1), Math.Round(y + dy, 1));
            subpaths.Add(FormattableString.Invariant($"M{x} {y}{move.Groups[4].Value}"));
        }
        return subpaths;
    }

    /// <summary>The corners of an outline written as M x y, relative l pairs, h and z.</summary>
    private static List<PlotPoint> Corners(string subpath)
    {
        var corners = new List<PlotPoint>();
        foreach (Match segment in Segments().Matches(subpath))
        {
            var numbers = Numbers().Matches(segment.Groups[2].Value).Select(m => Parse(m.Value)).ToList();
            switch (segment.Groups[1].Value)
            {
                case "M":
                    corners.Add(new PlotPoint(numbers[0], numbers[1]));
                    break;
                case "l":
                    for (var i = 0; i < numbers.Count; i += 2)
                        corners.Add(new PlotPoint(corners[^1].X + numbers[i], corners[^1].Y + numbers[i + 1]));
                    break;
                case "h":
                    corners.Add(corners[^1] with { X = corners[^1].X + numbers[0] });
                    break;
            }
        }
        return corners;
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex("<path ")]
    private static partial Regex PathTag();

    [GeneratedRegex("<path [^>]* d=\"([^\"]*)\"")]
    private static partial Regex PathData();

    [GeneratedRegex("points=\"([^\"]*)\"")]
    private static partial Regex PolygonPoints();

    [GeneratedRegex(@"-?(\d+(\.\d+)?|\.\d+)")]
    private static partial Regex Numbers();

    /// <summary>A move, its two numbers (a space or the minus sign between them) and the rest of its subpath.</summary>
    [GeneratedRegex(@"([Mm])(-?(?:\d+(?:\.\d+)?|\.\d+)) ?(-?(?:\d+(?:\.\d+)?|\.\d+))([^Mm]*)")]
    private static partial Regex Moves();

    [GeneratedRegex("([Mlhz])([^Mlhz]*)")]
    private static partial Regex Segments();
}
