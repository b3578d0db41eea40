using System.Globalization;
using Ledger.Core.Gating;
using Ledger.Core.Storage;

namespace Ledger.Core.Reporting.Html;

/// <summary>One recipe's line in the Markdown summary.</summary>
public sealed record SummaryRow(string Recipe, string Verdict, string A, string Change, string Note);

/// <summary>
/// summary.md: the gate's verdicts on the newest snapshot that has any, in the shape of the gate's own Markdown
/// (regressions first), for CI step summaries and pull-request comments. Built from what the ledger stored.
/// </summary>
public sealed record SummaryModel(bool Failed, SnapshotRef Snapshot, SnapshotRef? Baseline, string Counts, IReadOnlyList<SummaryRow> Rows)
{
    /// <returns>Null when no snapshot has verdicts.</returns>
    public static SummaryModel? Build(ReportData data)
    {
        var snapshot = data.Snapshots.Reverse().FirstOrDefault(s => data.VerdictsOf(s.Id).Count > 0);
        if (snapshot is null)
            return null;
        var verdicts = data.VerdictsOf(snapshot.Id);
        var fits = data.RowsOf(snapshot.Id).ToDictionary(r => r.Recipe, StringComparer.Ordinal);
        var baseline = verdicts.Select(v => v.BaselineSnapshotId).OfType<long>().Select(id => data.SnapshotsById.GetValueOrDefault(id)).OfType<Snapshot>().FirstOrDefault();
        return new SummaryModel(
            verdicts.Any(v => v.Verdict == VerdictKind.Regressed.Name()),
            SnapshotRef.Of(snapshot),
            baseline is null ? null : SnapshotRef.Of(baseline),
            string.Join(", ", verdicts.GroupBy(v => v.Verdict).OrderBy(g => VerdictOrder.Rank(g.Key)).Select(g => $"{g.Count().ToString(CultureInfo.InvariantCulture)} {g.Key}")),
            VerdictOrder.Ordered(verdicts).Select(v => new SummaryRow(
                v.Recipe, v.Verdict,
                fits.TryGetValue(v.Recipe, out var row) ? AsymptoteCells.Value(row.Fit) : "",
                v.DeltaA is { } d ? $"{AsymptoteCells.Signed(d)} {NumberFormat.Interval(new Fitting.Interval(v.Lower ?? double.NaN, v.Upper ?? double.NaN))}" : "",
                v.Verdict is "pass" or "new" ? (v.RegimeChange ? "regime change" : "") : v.Reason ?? "")).ToList());
    }
}
