using System.Globalization;
using System.Text;
using Ledger.Core.Pipeline;

namespace Ledger.Core.Reporting;

/// <summary>
/// `ledger history` as an aligned table for people: one line per recipe per snapshot, oldest first. A is shown
/// only when identified ("-" otherwise), with the interval every verb reads it with (the seeds', see
/// AsymptoteUncertainty) and the profile and bootstrap intervals; the reason comes last so a long one does not push
/// the columns apart.
/// </summary>
public static class HistoryText
{
    private static readonly string[] Header =
        ["snapshot", "commit", "branch", "time (UTC)", "recipe", "runs", "points", "status", "A", "interval", "profile", "bootstrap", "reason"];

    // Numeric columns read best right-aligned.
    private static readonly bool[] RightAligned = [true, false, false, false, false, true, true, false, true, false, false, false, false];

    public static string Write(HistoryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Rows.Count == 0)
            return "no history: the ledger has no snapshot that matches\n";

        var table = new List<string[]> { Header };
        foreach (var row in result.Rows)
        {
            var a = row.Asymptote;
            table.Add(
            [
                row.SnapshotId.ToString(CultureInfo.InvariantCulture),
                AppendText.ShortCommit(row.Commit),
                row.Branch,
                row.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                row.Recipe,
                row.Runs.ToString(CultureInfo.InvariantCulture),
                row.Points.ToString(CultureInfo.InvariantCulture),
                FitRecords.StatusName(row.Fit.Status),
                a is null ? "-" : NumberFormat.Short(a.Value),
                a is null ? "-" : NumberFormat.Interval(Gating.AsymptoteUncertainty.IntervalOf(row.Fit)),
                a is null ? "-" : NumberFormat.Interval(row.Fit.ProfileInterval),
                a is null ? "-" : NumberFormat.Interval(row.Fit.BootstrapInterval),
                row.Fit.Reason ?? "",
            ]);
        }

        var text = new StringBuilder();
        TextTable.Append(text, table, leftAligned: c => !RightAligned[c]);
        return text.ToString();
    }
}
