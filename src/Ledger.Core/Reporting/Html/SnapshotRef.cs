using System.Globalization;
using Ledger.Core.Storage;

namespace Ledger.Core.Reporting.Html;

/// <summary>A snapshot as every page names it: id, commit, branch, time (UTC), the file of its page and of its all-recipes page.</summary>
public sealed record SnapshotRef(long Id, string Commit, string ShortCommit, string Branch, string Time, string Href)
{
    public string CurvesHref => ReportFileNames.Curves(Id);

    public static SnapshotRef Of(Snapshot snapshot) => new(
        snapshot.Id, snapshot.Commit, AppendText.ShortCommit(snapshot.Commit), snapshot.Branch,
        snapshot.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        ReportFileNames.Snapshot(snapshot.Id));
}
