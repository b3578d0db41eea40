using System.Globalization;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;

namespace Ledger.Core.Reporting.Html;

/// <summary>A recipe in the all-recipes legend: ranked by A (unidentified ones after, unranked), its colour key, and a link to its section on the snapshot's page.</summary>
/// <param name="AtTarget">The reward its curve reaches at the common target compute, where its dashed line ends ("-" when it does not reach it).</param>
public sealed record CurveKey(string Rank, string Recipe, string Href, TrustedHtml Swatch, string A, string Interval, string Status, bool Drawn, string AtTarget = "-");

/// <summary>
/// The page of every recipe's curve of one snapshot on one axis (<see cref="AllRecipesPlot"/>), its legend ranked by
/// A beside it. <see cref="Curves"/> go between <see cref="Opening"/> and <see cref="Closing"/>: each is the markup of
/// one recipe's curve, shared by every page that holds the same runs.
/// </summary>
public sealed record AllRecipesPageModel(
    string Title, SnapshotRef Snapshot, TrustedHtml? Opening, IReadOnlyList<TrustedHtml> Curves, TrustedHtml Closing, IReadOnlyList<CurveKey> Legend, string Target)
{
    public static AllRecipesPageModel Build(Snapshot snapshot, ReportData data, AllRecipesPlot plot)
    {
        var rows = data.RowsOf(snapshot.Id);
        var snapshotRef = data.RefsById[snapshot.Id];
        var anchors = rows.Select((r, i) => (r.Recipe, Href: snapshotRef.Href + "#" + SnapshotPageModel.Anchor(i))).ToDictionary(r => r.Recipe, r => r.Href, StringComparer.Ordinal);
        var ranked = rows.Where(r => r.Fit.IdentifiedAsymptote is not null)
            .OrderByDescending(r => r.Fit.IdentifiedAsymptote!.Value).ThenBy(r => r.Recipe, StringComparer.Ordinal).ToList();
        var rest = rows.Where(r => r.Fit.IdentifiedAsymptote is null).OrderBy(r => r.Recipe, StringComparer.Ordinal).ToList();
        var legend = ranked.Select((r, i) => Key((i + 1).ToString(CultureInfo.InvariantCulture), r, plot, anchors))
            .Concat(rest.Select(r => Key("-", r, plot, anchors))).ToList();
        // The best drawn last, on top; unidentified curves first, under them all.
        var curves = rest.Concat(Enumerable.Reverse(ranked)).Where(plot.HasCurve).Select(plot.Curve).ToList();
        return new AllRecipesPageModel(
            $"All recipes: {snapshot.Branch}@{AppendText.ShortCommit(snapshot.Commit)}", snapshotRef,
            curves.Count > 0
                ? plot.Open(PlotDescriptions.AllRecipes(snapshot.Id, plot.Target, ranked.Where(plot.HasCurve).Select(r => (r.Recipe, AsymptoteCells.Value(r.Fit))).ToList()))
                : null, curves, AllRecipesPlot.Closing, legend, NumberFormat.Short(plot.Target));
    }

    private static CurveKey Key(string rank, HistoryRow row, AllRecipesPlot plot, Dictionary<string, string> anchors) => new(
        rank, row.Recipe, anchors[row.Recipe], plot.Swatch(row.Recipe), AsymptoteCells.Value(row.Fit), AsymptoteCells.IntervalText(row.Fit),
        FitRecords.StatusName(row.Fit.Status), plot.HasCurve(row), plot.HasCurve(row) ? plot.AtTarget(row) : "-");
}
