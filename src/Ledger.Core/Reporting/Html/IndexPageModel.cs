using System.Globalization;
using Ledger.Core.Gating;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;

namespace Ledger.Core.Reporting.Html;

/// <summary>A snapshot's line in the index: where it came from, how many recipes, and its verdicts counted by kind.</summary>
public sealed record IndexRow(SnapshotRef Snapshot, int Recipes, string Verdicts, bool Failed);

/// <summary>
/// A recipe in the ranking: by its identified A in the baseline branch's newest snapshot, highest first; unidentified
/// ones, and recipes that snapshot does not hold (at their latest snapshot), after, unranked. Beside it, its A over the
/// baseline branch as a sparkline (null with fewer than two identified values).
/// </summary>
public sealed record RankRow(string Rank, string Recipe, string Href, string A, string Interval, string Status, SnapshotRef Snapshot, TrustedHtml? Sparkline = null);

/// <summary>A branch other than the baseline branch, at its newest snapshot, with that snapshot's verdicts counted by kind.</summary>
public sealed record BranchRow(SnapshotRef Newest, int Snapshots, string Verdicts, bool Failed);

/// <summary>A link to one page of the index.</summary>
public sealed record PageLink(int Number, string Href, bool Current);

/// <summary>
/// One page of the index: snapshots newest first, <see cref="PageSize"/> to a page so a ledger of thousands of
/// snapshots stays readable (and printable); the first page also ranks the recipes.
/// </summary>
public sealed record IndexPageModel(
    string Title, int Page, int PageCount, int SnapshotCount, IReadOnlyList<IndexRow> Snapshots, IReadOnlyList<RankRow> Ranking,
    IReadOnlyList<PageLink> Pages, string? Previous, string? Next, bool HasSummary, SnapshotRef? Standing = null,
    IReadOnlyList<BranchRow>? Branches = null, string BaselineBranch = Pipeline.Baselines.DefaultBranch)
{
    public const int PageSize = 100;

    /// <summary>How many other branches the index lists, newest first: a CI ledger holds a branch per pull request ever built.</summary>
    public const int BranchesShown = 10;

    /// <param name="baselineBranch">The branch whose newest snapshot the index's all-recipes link shows (the newest snapshot when it has none).</param>
    public static IReadOnlyList<IndexPageModel> Build(ReportData data, bool hasSummary, string baselineBranch = Pipeline.Baselines.DefaultBranch)
    {
        var standing = data.Snapshots.LastOrDefault(s => s.Branch == baselineBranch) ?? data.Snapshots.LastOrDefault();
        var newestFirst = data.Snapshots.Reverse().ToList();
        var pageCount = Math.Max(1, (newestFirst.Count + PageSize - 1) / PageSize);
        var ranking = RankRecipes(data, standing, baselineBranch);
        var branches = OtherBranches(data, baselineBranch);
        return Enumerable.Range(1, pageCount).Select(page => new IndexPageModel(
            "Ledger report", page, pageCount, newestFirst.Count,
            newestFirst.Skip((page - 1) * PageSize).Take(PageSize).Select(s =>
            {
                var verdicts = data.VerdictsOf(s.Id);
                return new IndexRow(data.RefsById[s.Id], data.RowsOf(s.Id).Count, Counts(verdicts), Failed(verdicts));
            }).ToList(),
            page == 1 ? ranking : [],
            pageCount > 1 ? Enumerable.Range(1, pageCount).Select(p => new PageLink(p, ReportFileNames.Index(p), p == page)).ToList() : [],
            page > 1 ? ReportFileNames.Index(page - 1) : null,
            page < pageCount ? ReportFileNames.Index(page + 1) : null,
            hasSummary,
            standing is null ? null : data.RefsById[standing.Id],
            page == 1 ? branches : [],
            baselineBranch)).ToList();
    }

    private static string Counts(IReadOnlyList<StoredVerdict> verdicts) => string.Join(", ",
        Enum.GetValues<VerdictKind>().Select(k => (Kind: k.Name(), Count: verdicts.Count(v => v.Verdict == k.Name())))
            .Where(c => c.Count > 0).Select(c => $"{c.Count.ToString(CultureInfo.InvariantCulture)} {c.Kind}"));

    private static bool Failed(IReadOnlyList<StoredVerdict> verdicts) => verdicts.Any(v => v.Verdict == VerdictKind.Regressed.Name());

    private static List<BranchRow> OtherBranches(ReportData data, string baselineBranch) => data.Snapshots
        .Where(s => s.Branch != baselineBranch)
        .GroupBy(s => s.Branch, StringComparer.Ordinal)
        .Select(g => (Newest: g.Last(), Count: g.Count()))
        .OrderByDescending(b => b.Newest.Id)
        .Take(BranchesShown)
        .Select(b => new BranchRow(data.RefsById[b.Newest.Id], b.Count, Counts(data.VerdictsOf(b.Newest.Id)), Failed(data.VerdictsOf(b.Newest.Id))))
        .ToList();

    /// <param name="standing">The baseline branch's newest snapshot, whose fits are ranked; every recipe's latest fit when null.</param>
    private static List<RankRow> RankRecipes(ReportData data, Snapshot? standing, string baselineBranch)
    {
        var ranked = standing is not null && standing.Branch == baselineBranch ? data.RowsOf(standing.Id) : data.RowsByRecipe.Select(g => g.Value[^1]).ToList();
        var identified = ranked.Where(r => r.Fit.IdentifiedAsymptote is not null)
            .OrderByDescending(r => r.Fit.IdentifiedAsymptote!.Value).ThenBy(r => r.Recipe, StringComparer.Ordinal).ToList();
        var held = ranked.Select(r => r.Recipe).ToHashSet(StringComparer.Ordinal);
        // Unranked: what the snapshot cannot tell A of, then recipes it does not hold, at their latest snapshot.
        var rest = ranked.Where(r => r.Fit.IdentifiedAsymptote is null)
            .Concat(data.RowsByRecipe.Where(g => !held.Contains(g.Key)).Select(g => g.Value[^1]))
            .OrderBy(r => r.Recipe, StringComparer.Ordinal);
        return identified.Select((r, i) => Row((i + 1).ToString(CultureInfo.InvariantCulture), r, data, baselineBranch))
            .Concat(rest.Select(r => Row("-", r, data, baselineBranch))).ToList();
    }

    private static RankRow Row(string rank, HistoryRow row, ReportData data, string baselineBranch) => new(
        rank, row.Recipe, data.RecipeFile(row.Recipe), AsymptoteCells.Value(row.Fit), AsymptoteCells.IntervalText(row.Fit),
        FitRecords.StatusName(row.Fit.Status), data.RefsById[row.SnapshotId],
        Sparkline.Of(row.Recipe, baselineBranch, data.RowsByRecipe[row.Recipe].Where(r => r.Branch == baselineBranch)));
}
