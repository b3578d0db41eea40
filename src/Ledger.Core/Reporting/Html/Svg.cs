using System.Globalization;
using System.Text;
using static System.FormattableString;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// Writes SVG from numbers and fixed strings only. No method takes user-supplied text into the drawing, which is what
/// makes its output safe to hand to the templates as <see cref="TrustedHtml"/>: names go in the HTML around it, or
/// encoded (<see cref="EscapingTemplateContext.EncodeHtml"/>) into a plot's title and description for screen readers.
/// </summary>
internal sealed class Svg
{
    /// <summary>The half-width of a data point's marker; <see cref="Markers"/>' outlines are drawn for this size.</summary>
    public const double MarkerSize = 3.5;

    // The outlines of Marker's triangle and diamond as relative moves from their top corner.
    private static readonly string TriangleOutline = Invariant($"l{-1.1 * MarkerSize:0.##} {2 * MarkerSize:0.##}h{2.2 * MarkerSize:0.##}z");
    private static readonly string DiamondOutline = Invariant($"l{1.3 * MarkerSize:0.##} {1.3 * MarkerSize:0.##} {-1.3 * MarkerSize:0.##} {1.3 * MarkerSize:0.##} {-1.3 * MarkerSize:0.##} {-1.3 * MarkerSize:0.##}z");

    // A circle of the marker's size as two half-circle arcs from its leftmost point (the second arc's command implied).
    private static readonly string HollowCircle = Invariant($"a{MarkerSize:0.##} {MarkerSize:0.##} 0 1 0 {2 * MarkerSize:0.##} 0 {MarkerSize:0.##} {MarkerSize:0.##} 0 1 0{-2 * MarkerSize:0.##} 0");

    /// <summary>
    /// A builder kept per thread for the next drawing: a report draws tens of thousands (a strip of the forest plot in
    /// every row of every snapshot page), and a new builder grew through a chain of small chunks each time, several times
    /// the size of the markup it made.
    /// </summary>
    [ThreadStatic]
    private static StringBuilder? t_spareBuilder;

    /// <summary>
    /// A builder grown past this many characters (2 MB; a recipe's A over 1,000 snapshots takes a third of it) is left to
    /// the collector rather than kept.
    /// </summary>
    private const int SpareCapacity = 1024 * 1024;

    private readonly StringBuilder _markup = TakeBuilder();

    /// <param name="text">What the plot shows, for screen readers; null for a decoration (a legend key beside its words), hidden from them.</param>
    /// <param name="cssClass">plot for a figure, which the page stretches to its width; marker for a legend key at text size.</param>
    public Svg(double width, double height, PlotText? text, string cssClass = "plot")
    {
        _markup.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").Append(cssClass).Append("\" viewBox=\"0 0 ");
        Number(width).Append(' ');
        Number(height).Append('"');
        if (text is null)
        {
            _markup.Append(" aria-hidden=\"true\">");
            return;
        }
        // Named by its title, described by its description: a screen reader says the name, then offers the numbers.
        _markup.Append(" role=\"img\" aria-labelledby=\"").Append(text.Id).Append("-t\" aria-describedby=\"").Append(text.Id).Append("-d\"><title id=\"")
            .Append(text.Id).Append("-t\">").Append(EscapingTemplateContext.EncodeHtml(text.Title)).Append("</title><desc id=\"")
            .Append(text.Id).Append("-d\">").Append(EscapingTemplateContext.EncodeHtml(text.Description)).Append("</desc>");
    }

    private Svg()
    {
    }

    /// <summary>Markup to place inside another plot's SVG (<see cref="Include"/>): no svg element of its own; close it with <see cref="CloseFragment"/>.</summary>
    public static Svg Fragment() => new();

    /// <summary>Appends a fragment this class wrote (<see cref="Fragment"/>), so it is as trusted as the rest.</summary>
    public Svg Include(TrustedHtml fragment)
    {
        _markup.Append(fragment.Markup);
        return this;
    }

    /// <summary>The markup so far, without closing an svg element: for a fragment, or the opening part of a plot whose middle a page fills in.</summary>
    /// <remarks>The drawing is done: its builder goes back for the next one on this thread.</remarks>
    public TrustedHtml CloseFragment()
    {
        var html = TrustedHtml.FromUtf8(Utf8Of(_markup));
        GiveBack(_markup);
        return html;
    }

    /// <summary>
    /// Appends a coordinate with one decimal, invariant culture: a tenth of a unit of a 720-unit plot is finer than
    /// any screen or printer shows, and a snapshot page holds dozens of plots of hundreds of coordinates each. It is
    /// formatted straight into the markup: a string per coordinate was a large part of the report's garbage. The
    /// text is that of the custom format "0.#" of the rounded value, written as whole tenths: the format string was
    /// parsed for every coordinate, four times the cost (1.6 million coordinates in a 1,000-snapshot report; both
    /// were compared on 7 million values, negative zero and halves included, with no difference).
    /// </summary>
    private StringBuilder Number(double value)
    {
        var rounded = Math.Round(value, 1);
        // Beyond this, tenths no longer fit a long exactly (and NaN and the infinities have no tenths): the format itself.
        if (!(Math.Abs(rounded) < 1e14))
            return _markup.Append(CultureInfo.InvariantCulture, $"{rounded:0.#}");
        var tenths = (long)Math.Round(rounded * 10);
        if (double.IsNegative(rounded))
            _markup.Append('-');
        var magnitude = Math.Abs(tenths);
        _markup.Append(magnitude / 10);
        return magnitude % 10 == 0 ? _markup : _markup.Append('.').Append((char)('0' + magnitude % 10));
    }

    /// <summary>
    /// Starts a subpath at (x, y): an absolute move for a path's first, a relative move from the start of the subpath
    /// before for the others. Both points are rounded to tenths first and the move is their difference in tenths, so
    /// each point lands exactly where its absolute move would put it. A run's points are most of a snapshot page's
    /// bytes; relative moves write about a quarter fewer.
    /// </summary>
    /// <param name="previous">The tenths of the subpath before; null for none.</param>
    /// <returns>The tenths of this one.</returns>
    private (long X, long Y)? MoveTo(double x, double y, (long X, long Y)? previous)
    {
        (long X, long Y)? tenths = Tenths(x) is { } tx && Tenths(y) is { } ty ? (tx, ty) : null;
        if (tenths is not { } to || previous is not { } from)
        {
            _markup.Append('M');
            Pair(x, ' ', y);
            return tenths;
        }
        _markup.Append('m');
        RelativeTenths(to.X - from.X);
        if (to.Y >= from.Y)
            _markup.Append(' ');
        RelativeTenths(to.Y - from.Y);
        return to;
    }

    /// <summary>A coordinate in whole tenths, rounded as <see cref="Number"/> writes it; null where it has no such form.</summary>
    private static long? Tenths(double value)
    {
        var rounded = Math.Round(value, 1);
        return Math.Abs(rounded) < 1e14 ? (long)Math.Round(rounded * 10) : null;
    }

    /// <summary>A difference of tenths, without the leading zero SVG does not need (.5, -.5).</summary>
    private void RelativeTenths(long tenths)
    {
        if (tenths < 0)
            _markup.Append('-');
        var magnitude = Math.Abs(tenths);
        if (magnitude >= 10 || magnitude == 0)
            _markup.Append(magnitude / 10);
        if (magnitude % 10 != 0)
            _markup.Append('.').Append((char)('0' + magnitude % 10));
    }

    /// <summary>Appends x and y with <paramref name="separator"/> between them.</summary>
    private StringBuilder Pair(double x, char separator, double y)
    {
        Number(x).Append(separator);
        return Number(y);
    }

    /// <param name="colour">A stroke colour of a palette (never user text); the CSS class's when null.</param>
    public Svg Line(double x1, double y1, double x2, double y2, string cssClass, string? colour = null)
    {
        _markup.Append("<line class=\"").Append(cssClass);
        if (colour is not null)
            _markup.Append("\" stroke=\"").Append(colour);
        _markup.Append("\" x1=\"");
        Number(x1).Append("\" y1=\"");
        Number(y1).Append("\" x2=\"");
        Number(x2).Append("\" y2=\"");
        Number(y2).Append("\"/>");
        return this;
    }

    /// <summary>Many short vertical strokes (tick marks) as one path: a fraction of the markup of one line each.</summary>
    public Svg VerticalStrokes(IEnumerable<double> xs, double y, double length, string cssClass)
    {
        _markup.Append("<path class=\"").Append(cssClass).Append("\" d=\"");
        foreach (var x in xs)
        {
            _markup.Append('M');
            Pair(x, ' ', y).Append('v');
            Number(length);
        }
        _markup.Append("\"/>");
        return this;
    }

    /// <param name="colour">A stroke colour of a palette (never user text); the CSS class's when null.</param>
    public Svg Polyline(IReadOnlyList<PlotPoint> points, string cssClass, string? colour = null)
    {
        if (points.Count == 0)
            return this;
        _markup.Append("<path class=\"").Append(cssClass);
        if (colour is not null)
            _markup.Append("\" stroke=\"").Append(colour);
        _markup.Append("\" d=\"");
        for (var i = 0; i < points.Count; i++)
        {
            _markup.Append(i == 0 ? "M" : " L");
            Pair(points[i].X, ' ', points[i].Y);
        }
        _markup.Append("\"/>");
        return this;
    }

    /// <param name="colour">A fill colour of a palette (never user text); the CSS class's when null.</param>
    public Svg Polygon(IReadOnlyList<PlotPoint> points, string cssClass, string? colour = null)
    {
        if (points.Count == 0)
            return this;
        _markup.Append("<polygon class=\"").Append(cssClass);
        if (colour is not null)
            _markup.Append("\" fill=\"").Append(colour);
        _markup.Append("\" points=\"");
        for (var i = 0; i < points.Count; i++)
        {
            if (i > 0)
                _markup.Append(' ');
            Pair(points[i].X, ',', points[i].Y);
        }
        _markup.Append("\"/>");
        return this;
    }

    public Svg Rect(double x, double y, double width, double height, string cssClass)
    {
        _markup.Append("<rect class=\"").Append(cssClass).Append("\" x=\"");
        Number(x).Append("\" y=\"");
        Number(y).Append("\" width=\"");
        Number(width).Append("\" height=\"");
        Number(height).Append("\"/>");
        return this;
    }

    /// <summary>A marker centred on (x, y); <paramref name="colour"/> is one of the palette's, never user text.</summary>
    public Svg Marker(double x, double y, MarkerShape shape, string colour, string cssClass, double size = MarkerSize)
    {
        _markup.Append('<').Append(shape == MarkerShape.Circle ? "circle" : shape == MarkerShape.Square ? "rect" : "polygon")
            .Append(" class=\"").Append(cssClass);
        switch (shape)
        {
            case MarkerShape.Circle:
                _markup.Append("\" cx=\"");
                Number(x).Append("\" cy=\"");
                Number(y).Append("\" r=\"");
                Number(size);
                break;
            case MarkerShape.Square:
                _markup.Append("\" x=\"");
                Number(x - size).Append("\" y=\"");
                Number(y - size).Append("\" width=\"");
                Number(2 * size).Append("\" height=\"");
                Number(2 * size);
                break;
            case MarkerShape.Triangle:
                _markup.Append("\" points=\"");
                Pair(x, ',', y - 1.2 * size).Append(' ');
                Pair(x - 1.1 * size, ',', y + 0.8 * size).Append(' ');
                Pair(x + 1.1 * size, ',', y + 0.8 * size);
                break;
            case MarkerShape.TriangleDown:
                _markup.Append("\" points=\"");
                Pair(x, ',', y + 1.2 * size).Append(' ');
                Pair(x - 1.1 * size, ',', y - 0.8 * size).Append(' ');
                Pair(x + 1.1 * size, ',', y - 0.8 * size);
                break;
            default:
                _markup.Append("\" points=\"");
                Pair(x, ',', y - 1.3 * size).Append(' ');
                Pair(x + 1.3 * size, ',', y).Append(' ');
                Pair(x, ',', y + 1.3 * size).Append(' ');
                Pair(x - 1.3 * size, ',', y);
                break;
        }
        _markup.Append("\" fill=\"").Append(colour).Append("\" stroke=\"").Append(colour).Append("\"/>");
        return this;
    }

    /// <summary>
    /// A run's observed points as one path of one subpath per point: a tenth of the markup of an element per point
    /// (a snapshot page draws tens of thousands), the same shapes and sizes. Circles and squares are zero-length
    /// subpaths whose round or square caps (class dots, stroke width 2 * 3.8) make the marker; triangles and
    /// diamonds are filled outlines (class outlines).
    /// </summary>
    public Svg Markers(IReadOnlyList<PlotPoint> points, MarkerShape shape, string colour)
    {
        if (points.Count == 0)
            return this;
        var dots = shape is MarkerShape.Circle or MarkerShape.Square;
        _markup.Append("<path class=\"points ").Append(dots ? shape == MarkerShape.Circle ? "dots" : "dots square" : "outlines")
            .Append(dots ? "\" stroke=\"" : "\" fill=\"").Append(colour);
        if (!dots)
            _markup.Append("\" stroke=\"").Append(colour);
        _markup.Append("\" d=\"");
        (long X, long Y)? previous = null;
        foreach (var point in points)
        {
            // Each subpath ends where it began (h0 goes nowhere; z closes the outline), so the next move is from its start.
            switch (shape)
            {
                case MarkerShape.Circle or MarkerShape.Square:
                    previous = MoveTo(point.X, point.Y, previous);
                    _markup.Append("h0");
                    break;
                case MarkerShape.Triangle:
                    previous = MoveTo(point.X, point.Y - 1.2 * MarkerSize, previous);
                    _markup.Append(TriangleOutline);
                    break;
                default:
                    previous = MoveTo(point.X, point.Y - 1.3 * MarkerSize, previous);
                    _markup.Append(DiamondOutline);
                    break;
            }
        }
        _markup.Append("\"/>");
        return this;
    }

    /// <summary>
    /// Points as hollow circles of the marker's size, one path of two arcs each: a baseline's points, drawn under this
    /// build's filled ones and told apart from them by shape as well as colour (class points hollow).
    /// </summary>
    public Svg HollowMarkers(IReadOnlyList<PlotPoint> points, string colour, string cssClass = "points hollow")
    {
        if (points.Count == 0)
            return this;
        _markup.Append("<path class=\"").Append(cssClass).Append("\" stroke=\"").Append(colour).Append("\" d=\"");
        (long X, long Y)? previous = null;
        foreach (var point in points)
        {
            // The two arcs end where they began: the next move is from there.
            previous = MoveTo(point.X - MarkerSize, point.Y, previous);
            _markup.Append(HollowCircle);
        }
        _markup.Append("\"/>");
        return this;
    }

    /// <param name="text">A fixed string or one made of numbers by this report's code: it is not encoded.</param>
    public Svg Text(double x, double y, string text, string cssClass)
    {
        _markup.Append("<text class=\"").Append(cssClass).Append("\" x=\"");
        Number(x).Append("\" y=\"");
        Number(y).Append("\">").Append(text).Append("</text>");
        return this;
    }

    /// <summary>Text turned to read upwards, for a y axis title; the same rule as <see cref="Text"/>.</summary>
    public Svg VerticalText(double x, double y, string text, string cssClass)
    {
        _markup.Append("<text class=\"").Append(cssClass).Append("\" transform=\"rotate(-90 ");
        Pair(x, ' ', y).Append(")\" x=\"");
        Number(x).Append("\" y=\"");
        Number(y).Append("\">").Append(text).Append("</text>");
        return this;
    }

    /// <inheritdoc cref="CloseFragment"/>
    public TrustedHtml Close()
    {
        _markup.Append("</svg>");
        return CloseFragment();
    }

    private static StringBuilder TakeBuilder()
    {
        var builder = t_spareBuilder ?? new StringBuilder(4096);
        t_spareBuilder = null;
        return builder;
    }

    private static void GiveBack(StringBuilder builder)
    {
        if (builder.Capacity > SpareCapacity)
            return;
        builder.Clear();
        t_spareBuilder = builder;
    }

    /// <summary>
    /// The markup as UTF-8, which is how every page writes it, without a string of it in between: through a pooled copy
    /// of the characters, so a surrogate pair split between two of the builder's chunks is encoded whole.
    /// </summary>
    private static byte[] Utf8Of(StringBuilder markup)
    {
        var chars = System.Buffers.ArrayPool<char>.Shared.Rent(markup.Length);
        try
        {
            var text = chars.AsSpan(0, markup.Length);
            markup.CopyTo(0, text, markup.Length);
            var utf8 = new byte[Encoding.UTF8.GetByteCount(text)];
            Encoding.UTF8.GetBytes(text, utf8);
            return utf8;
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(chars);
        }
    }
}
