using System.Globalization;
using System.Text;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// Writes SVG from numbers and fixed strings only. It has no method that takes user-supplied text, which is what
/// makes its output safe to hand to the templates as <see cref="TrustedHtml"/>: names go in the HTML around it.
/// </summary>
internal sealed class Svg
{
    private readonly StringBuilder _markup = new();

    /// <param name="cssClass">plot for a figure, which the page stretches to its width; marker for a legend key at text size.</param>
    public Svg(double width, double height, string label, string cssClass = "plot")
    {
        _markup.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").Append(cssClass).Append("\" role=\"img\" viewBox=\"0 0 ")
            .Append(N(width)).Append(' ').Append(N(height)).Append("\" aria-label=\"").Append(label).Append("\">");
    }

    /// <summary>
    /// Coordinates with one decimal, invariant culture: a tenth of a unit of a 720-unit plot is finer than any screen
    /// or printer shows, and a snapshot page holds dozens of plots of hundreds of coordinates each.
    /// </summary>
    public static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    public Svg Line(double x1, double y1, double x2, double y2, string cssClass)
    {
        _markup.Append("<line class=\"").Append(cssClass).Append("\" x1=\"").Append(N(x1)).Append("\" y1=\"").Append(N(y1))
            .Append("\" x2=\"").Append(N(x2)).Append("\" y2=\"").Append(N(y2)).Append("\"/>");
        return this;
    }

    /// <summary>Many short vertical strokes (tick marks) as one path: a fraction of the markup of one line each.</summary>
    public Svg VerticalStrokes(IEnumerable<double> xs, double y, double length, string cssClass)
    {
        _markup.Append("<path class=\"").Append(cssClass).Append("\" d=\"");
        foreach (var x in xs)
        {
            _markup.Append('M').Append(N(x)).Append(' ').Append(N(y)).Append('v').Append(N(length));
        }
        _markup.Append("\"/>");
        return this;
    }

    public Svg Polyline(IReadOnlyList<PlotPoint> points, string cssClass)
    {
        if (points.Count == 0)
            return this;
        _markup.Append("<path class=\"").Append(cssClass).Append("\" d=\"");
        for (var i = 0; i < points.Count; i++)
        {
            _markup.Append(i == 0 ? "M" : " L").Append(N(points[i].X)).Append(' ').Append(N(points[i].Y));
        }
        _markup.Append("\"/>");
        return this;
    }

    public Svg Polygon(IReadOnlyList<PlotPoint> points, string cssClass)
    {
        if (points.Count == 0)
            return this;
        _markup.Append("<polygon class=\"").Append(cssClass).Append("\" points=\"")
            .AppendJoin(' ', points.Select(p => N(p.X) + "," + N(p.Y))).Append("\"/>");
        return this;
    }

    public Svg Rect(double x, double y, double width, double height, string cssClass)
    {
        _markup.Append("<rect class=\"").Append(cssClass).Append("\" x=\"").Append(N(x)).Append("\" y=\"").Append(N(y))
            .Append("\" width=\"").Append(N(width)).Append("\" height=\"").Append(N(height)).Append("\"/>");
        return this;
    }

    /// <summary>A marker centred on (x, y); <paramref name="colour"/> is one of the palette's, never user text.</summary>
    public Svg Marker(double x, double y, MarkerShape shape, string colour, string cssClass, double size = 3.5)
    {
        var style = "\" fill=\"" + colour + "\" stroke=\"" + colour + "\"/>";
        var start = "<" + (shape == MarkerShape.Circle ? "circle" : shape == MarkerShape.Square ? "rect" : "polygon") + " class=\"" + cssClass;
        _markup.Append(start);
        switch (shape)
        {
            case MarkerShape.Circle:
                _markup.Append("\" cx=\"").Append(N(x)).Append("\" cy=\"").Append(N(y)).Append("\" r=\"").Append(N(size));
                break;
            case MarkerShape.Square:
                _markup.Append("\" x=\"").Append(N(x - size)).Append("\" y=\"").Append(N(y - size))
                    .Append("\" width=\"").Append(N(2 * size)).Append("\" height=\"").Append(N(2 * size));
                break;
            case MarkerShape.Triangle:
                _markup.Append("\" points=\"").Append(N(x)).Append(',').Append(N(y - 1.2 * size)).Append(' ')
                    .Append(N(x - 1.1 * size)).Append(',').Append(N(y + 0.8 * size)).Append(' ')
                    .Append(N(x + 1.1 * size)).Append(',').Append(N(y + 0.8 * size));
                break;
            default:
                _markup.Append("\" points=\"").Append(N(x)).Append(',').Append(N(y - 1.3 * size)).Append(' ')
                    .Append(N(x + 1.3 * size)).Append(',').Append(N(y)).Append(' ')
                    .Append(N(x)).Append(',').Append(N(y + 1.3 * size)).Append(' ')
                    .Append(N(x - 1.3 * size)).Append(',').Append(N(y));
                break;
        }
        _markup.Append(style);
        return this;
    }

    /// <param name="text">A fixed string or one made of numbers by this report's code: it is not encoded.</param>
    public Svg Text(double x, double y, string text, string cssClass)
    {
        _markup.Append("<text class=\"").Append(cssClass).Append("\" x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\">")
            .Append(text).Append("</text>");
        return this;
    }

    /// <summary>Text turned to read upwards, for a y axis title; the same rule as <see cref="Text"/>.</summary>
    public Svg VerticalText(double x, double y, string text, string cssClass)
    {
        _markup.Append("<text class=\"").Append(cssClass).Append("\" transform=\"rotate(-90 ").Append(N(x)).Append(' ').Append(N(y))
            .Append(")\" x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\">").Append(text).Append("</text>");
        return this;
    }

    public TrustedHtml Close() => new(_markup.Append("</svg>").ToString());
}
