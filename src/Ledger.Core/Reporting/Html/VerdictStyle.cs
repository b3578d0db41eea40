using Ledger.Core.Gating;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// How a verdict is marked in a picture: a colour of the Okabe-Ito palette and a shape, filled or hollow, so that a
/// verdict reads by its symbol alone (in print, or to a colour-blind reader) and the colours only group them: the
/// failures in vermillion, what needs a look in orange and purple, the good in green. <see cref="Glyph"/> is the same
/// symbol as text, for the table beside the picture.
/// </summary>
public sealed record VerdictStyle(string Colour, MarkerShape Shape, bool Filled, string Glyph)
{
    private const string Grey = "#777777";

    private static readonly Dictionary<string, VerdictStyle> Styles = new(StringComparer.Ordinal)
    {
        [VerdictKind.Regressed.Name()] = new(OkabeIto.Vermillion, MarkerShape.TriangleDown, true, "▼"),
        [VerdictKind.Unverified.Name()] = new(OkabeIto.Vermillion, MarkerShape.Square, false, "□"),
        [VerdictKind.Drifted.Name()] = new(OkabeIto.ReddishPurple, MarkerShape.Diamond, false, "◇"),
        [VerdictKind.Allowed.Name()] = new(OkabeIto.Orange, MarkerShape.Diamond, true, "◆"),
        [VerdictKind.Suspect.Name()] = new(OkabeIto.Orange, MarkerShape.TriangleDown, false, "▽"),
        [VerdictKind.ModelDependent.Name()] = new(OkabeIto.SkyBlue, MarkerShape.Square, true, "■"),
        [VerdictKind.Unidentified.Name()] = new(Grey, MarkerShape.Circle, false, "○"),
        [VerdictKind.Missing.Name()] = new(Grey, MarkerShape.Square, false, "□"),
        [VerdictKind.Improved.Name()] = new(OkabeIto.BluishGreen, MarkerShape.Triangle, true, "▲"),
        [VerdictKind.New.Name()] = new(OkabeIto.Blue, MarkerShape.Circle, false, "○"),
        [VerdictKind.Pass.Name()] = new("#000000", MarkerShape.Circle, true, "●"),
    };

    /// <summary>A verdict name the gate does not (yet) have is drawn as a grey hollow circle.</summary>
    public static VerdictStyle Of(string verdict) => Styles.GetValueOrDefault(verdict) ?? new VerdictStyle(Grey, MarkerShape.Circle, false, "○");
}
