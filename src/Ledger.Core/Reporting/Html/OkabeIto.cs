namespace Ledger.Core.Reporting.Html;

/// <summary>
/// The Okabe-Ito palette, which stays distinct under the common colour-vision deficiencies; yellow comes last
/// because it is faint on white. Past eight runs the marker shape changes too, so no two runs look alike in print.
/// </summary>
public static class OkabeIto
{
    public static IReadOnlyList<string> Colours { get; } = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"];

    public const string Vermillion = "#D55E00";
    public const string Orange = "#E69F00";
    public const string BluishGreen = "#009E73";
    public const string Blue = "#0072B2";
    public const string SkyBlue = "#56B4E9";
    public const string ReddishPurple = "#CC79A7";

    public static string Colour(int run) => Colours[run % Colours.Count];

    public static MarkerShape Shape(int run) => (MarkerShape)(run / Colours.Count % 4);
}

public enum MarkerShape
{
    Circle,
    Square,
    Triangle,
    Diamond,
    /// <summary>A triangle pointing down: a fall. Not one of the runs' shapes.</summary>
    TriangleDown,
}
