namespace Ledger.Core.Reporting.Html;

/// <summary>One tick of an axis: its value, its position in SVG user units, its label (empty for a minor tick) and an optional second line under it.</summary>
public sealed record AxisTick(double Value, double Position, string Label, string Detail = "")
{
    public bool IsMajor => Label.Length > 0;
}
