using Ledger.Core.Storage;
using static Ledger.Core.Reporting.NumberFormat;

namespace Ledger.Core.Reporting.Html;

/// <summary>The tolerance the gate tests changes against and which way is worse: the shaded side of a forest plot.</summary>
/// <param name="LowerIsBetter">For a metric that falls (a loss): a rise in A is the regression, and the band is at +tolerance.</param>
public sealed record ToleranceBand(double Tolerance, bool LowerIsBetter)
{
    /// <summary>The change at which the band starts: -tolerance, or +tolerance when lower is better.</summary>
    public double Edge => LowerIsBetter ? Tolerance : -Tolerance;

    /// <summary>The band of the gate a snapshot kept: the tolerance it tested with; null for a gate kept as Markdown, which does not say.</summary>
    public static ToleranceBand? Of(GateSummary gate) => RecordedGate.TestedWith(gate) is { } kept ? new ToleranceBand(kept.Tolerance, kept.LowerIsBetter) : null;
}

/// <summary>
/// One recipe's row of a snapshot's forest plot: its name, linking to its section on the page (null when the snapshot
/// has no fit of it), its verdict with its symbol, the gate's change in A and interval as text, and the same drawn
/// on the plot's shared axis.
/// </summary>
public sealed record ForestRow(string Recipe, string? Href, string Verdict, string Glyph, string Change, string Interval, TrustedHtml Strip);

/// <summary>
/// The gate in one picture, at the top of a snapshot page: every recipe's change in A with the gate's interval, one row
/// each on one shared axis, the tolerance as a shaded band on the side that fails, the verdicts by colour and symbol,
/// the rows ordered by change (the worst first), and recipes without a measured change after them. Drawn as a table
/// whose rows each hold a strip of the one plot, so the names stay text (escaped by the template), every row links
/// to its recipe, and the table is the plot's own fallback.
/// </summary>
public sealed record ForestPlot(TrustedHtml Axis, IReadOnlyList<ForestRow> Rows, string Tolerance, string FailingSide)
{
    /// <param name="sections">The id of each recipe's section on the page.</param>
    /// <returns>Null when the snapshot has no verdicts.</returns>
    public static ForestPlot? Build(IReadOnlyList<StoredVerdict> verdicts, ToleranceBand band, IReadOnlyDictionary<string, string> sections)
    {
        if (verdicts.Count == 0)
            return null;
        static bool IsMeasured(StoredVerdict v) => v is { DeltaA: { } d, Lower: { } lo, Upper: { } hi } && double.IsFinite(d) && double.IsFinite(lo) && double.IsFinite(hi);
        var measured = verdicts.Where(IsMeasured)
            .OrderByDescending(v => band.LowerIsBetter ? v.DeltaA!.Value : -v.DeltaA!.Value).ThenBy(v => v.Recipe, StringComparer.Ordinal).ToList();
        var unmeasured = VerdictOrder.Ordered(verdicts.Where(v => !IsMeasured(v))).ToList();
        var ends = measured.SelectMany(v => new[] { v.Lower!.Value, v.Upper!.Value }).Concat([0, band.Edge, -band.Edge]).ToList();
        var strip = new ForestStrip(new LinearAxis(ends.Min(), ends.Max(), ForestStrip.Left, ForestStrip.Right), band);
        return new ForestPlot(
            strip.Axis(),
            measured.Concat(unmeasured).Select(v =>
            {
                var style = VerdictStyle.Of(v.Verdict);
                var isMeasured = IsMeasured(v);
                return new ForestRow(v.Recipe, sections.TryGetValue(v.Recipe, out var id) ? "#" + id : null, v.Verdict, style.Glyph,
                    isMeasured ? AsymptoteCells.Signed(v.DeltaA!.Value) : "-",
                    isMeasured ? Interval(new Fitting.Interval(v.Lower!.Value, v.Upper!.Value)) : "-",
                    isMeasured
                        ? strip.Row(v.DeltaA!.Value, v.Lower!.Value, v.Upper!.Value, style, PlotDescriptions.ForestRow(v.Recipe, v.Verdict, v.DeltaA!.Value, v.Lower!.Value, v.Upper!.Value))
                        : strip.Empty(PlotDescriptions.ForestEmpty(v.Recipe, v.Verdict)));
            }).ToList(),
            Short(band.Tolerance),
            band.LowerIsBetter ? "a rise" : "a fall");
    }
}
