using System.Globalization;
using Ledger.Core.Gating;
using Ledger.Core.Pipeline;

namespace Ledger.Core.Reporting.Html;

/// <summary>A snapshot's line in the index: where it came from, how many recipes, and its verdicts counted by kind.</summary>
public sealed record IndexRow(SnapshotRef Snapshot, int Recipes, string Verdicts, bool Failed);

/// <summary>A recipe in the ranking: by its latest identified A, highest first; unidentified ones after, unranked.</summary>
public sealed record RankRow(string Rank, string Recipe, string Href, string A, string Interval, string Status, SnapshotRef Snapshot);

/// <summary>A link to one page of the index.</summary>
public sealed record PageLink(int Number, string Href, bool Current);

/// <summary>
/// One page of the index: snapshots newest first, <see cref="PageSize"/> to a page so a ledger of thousands of
/// snapshots stays readable (and printable); the first page also ranks the recipes.
/// </summary>
public sealed record IndexPageModel(
    string Title, int Page, int PageCount, int SnapshotCount, IReadOnlyList<IndexRow> Snapshots, IReadOnlyList<RankRow> Ranking,
    IReadOnlyList<PageLink> Pages, string? Previous, string? Next, bool HasSummary, SnapshotRef? Standing = null)
{
    public const int PageSize = 100;

    /// <param name="baselineBranch">The branch whose newest snapshot the index's all-recipes link shows (the newest snapshot when it has none).</param>
    public static IReadOnlyList<IndexPageModel> Build(ReportData data, bool hasSummary, string baselineBranch = Pipeline.Baselines.DefaultBranch)
    {
        var standing = data.Snapshots.LastOrDefault(s => s.Branch == baselineBranch) ?? data.Snapshots.LastOrDefault();
        var newestFirst = data.Snapshots.Reverse().ToList();
        var pageCount = Math.Max(1, (newestFirst.Count + PageSize - 1) / PageSize);
        var ranking = RankRecipes(data);
        return Enumerable.Range(1, pageCount).Select(page => new IndexPageModel(
            "Ledger report", page, pageCount, newestFirst.Count,
            newestFirst.Skip((page - 1) * PageSize).Take(PageSize).Select(s =>
            {
                var verdicts = data.VerdictsOf(s.Id);
                var counts = Enum.GetValues<VerdictKind>().Select(k => (Kind: k.Name(), Count: verdicts.Count(v => v.Verdict == k.Name())))
                    .Where(c => c.Count > 0).Select(c => $"{c.Count.ToString(CultureInfo.InvariantCulture)} {c.Kind}");
                return new IndexRow(data.RefsById[s.Id], data.RowsOf(s.Id).Count, string.Join(", ", counts),
                    verdicts.Any(v => v.Verdict == VerdictKind.Regressed.Name()));
            }).ToList(),
            page == 1 ? ranking : [],
            pageCount > 1 ? Enumerable.Range(1, pageCount).Select(p => new PageLink(p, ReportFileNames.Index(p), p == page)).ToList() : [],
            page > 1 ? ReportFileNames.Index(page - 1) : null,
            page < pageCount ? ReportFileNames.Index(page + 1) : null,
            hasSummary,
            standing is null ? null : data.RefsById[standing.Id])).ToList();
    }

    private static List<RankRow> RankRecipes(ReportData data)
    {
        var latest = data.RowsByRecipe.Select(g => g.Value[^1]).ToList();
        var identified = latest.Where(r => r.Fit.IdentifiedAsymptote is not null)
            .OrderByDescending(r => r.Fit.IdentifiedAsymptote!.Value).ThenBy(r => r.Recipe, StringComparer.Ordinal).ToList();
        var rest = latest.Where(r => r.Fit.IdentifiedAsymptote is null).OrderBy(r => r.Recipe, StringComparer.Ordinal);
        return identified.Select((r, i) => Row((i + 1).ToString(CultureInfo.InvariantCulture), r, data))
            .Concat(rest.Select(r => Row("-", r, data))).ToList();
    }

    private static RankRow Row(string rank, HistoryRow row, ReportData data) => new(
        rank, row.Recipe, data.RecipeFile(row.Recipe), AsymptoteCells.Value(row.Fit), AsymptoteCells.IntervalText(row.Fit),
        FitRecords.StatusName(row.Fit.Status), data.RefsById[row.SnapshotId]);
}
