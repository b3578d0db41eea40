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

        // To a tenth, halves to even as everywhere in the SVG: 250.25 is 250.2.
        Assert.Equal(["M100 200h0", "M250.2 80h0", "M64 328h0"], Subpaths(markup));
    }

    /// <summary>The subpaths of the one path in <paramref name="markup"/>, each from its M.</summary>
    private static List<string> Subpaths(string markup) =>
        PathData().Match(markup).Groups[1].Value.Split('M', StringSplitOptions.RemoveEmptyEntries).Select(s => "M" + s).ToList();

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

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex Numbers();

    [GeneratedRegex("([Mlhz])([^Mlhz]*)")]
    private static partial Regex Segments();
}
