using System.Globalization;
using System.Text;
using Ledger.Core.Fitting;
using Ledger.Core.Pipeline;

namespace Ledger.Core.Reporting;

/// <summary>
/// `ledger history --format csv`: RFC 4180 (CRLF line ends, a header row, fields quoted when they hold a comma,
/// quote, CR or LF). Numbers round-trip; an empty field is an unknown value (no identified A, an open side).
/// </summary>
public static class HistoryCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "snapshot", "commit", "branch", "time", "recipe", "runs", "points", "status",
        "a", "a_se", "profile_lower", "profile_upper", "bootstrap_lower", "bootstrap_upper", "reason", "fit", "a_lower", "a_upper",
    ];

    public static string Write(HistoryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        AppendRecord(text, Columns);
        foreach (var row in result.Rows)
        {
            var a = row.Asymptote;
            var profile = a is null ? Interval.None : row.Fit.ProfileInterval;
            var bootstrap = a is null ? Interval.None : row.Fit.BootstrapInterval;
            var interval = Gating.AsymptoteUncertainty.IntervalOf(row.Fit);
            AppendRecord(text,
            [
                row.SnapshotId.ToString(CultureInfo.InvariantCulture), row.Commit, row.Branch,
                row.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), row.Recipe,
                row.Runs.ToString(CultureInfo.InvariantCulture), row.Points.ToString(CultureInfo.InvariantCulture),
                FitRecords.StatusName(row.Fit.Status),
                Number(a?.Value), Number(a?.StandardError),
                Number(profile.Lower), Number(profile.Upper), Number(bootstrap.Lower), Number(bootstrap.Upper),
                row.Fit.Reason ?? "", row.FromLedger ? "ledger" : "computed", Number(interval.Lower), Number(interval.Upper),
            ]);
        }
        return text.ToString();
    }

    private static string Number(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static void AppendRecord(StringBuilder text, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
                text.Append(',');
            var field = fields[i];
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
                text.Append('"').Append(field.Replace("\"", "\"\"")).Append('"');
            else
                text.Append(field);
        }
        text.Append("\r\n");
    }
}
