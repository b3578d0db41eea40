using Ledger.Core.Fitting;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting.Html;
using Ledger.Core.Storage;

namespace Ledger.Core.Tests.Reporting;

/// <summary>The index of a long ledger: pages of a hundred snapshots, newest first, the ranking once.</summary>
public sealed class IndexPageTests
{
    [Fact]
    public void A_thousand_snapshots_make_ten_pages_newest_first_linked_to_each_other()
    {
        var snapshots = Enumerable.Range(1, 1_000)
            .Select(i => new Snapshot(i, $"c{i}", "main", DateTimeOffset.UnixEpoch.AddHours(i), new Dictionary<string, IReadOnlyList<string>> { ["r"] = ["d"] }))
            .ToList();
        var rows = snapshots.Select(s => new HistoryRow(s.Id, s.Commit, s.Branch, s.Time, "r", 1, 10, Fit(0.5 + s.Id / 10_000.0), false)).ToList();
        var verdicts = new Dictionary<long, IReadOnlyList<StoredVerdict>> { [1_000] = [new StoredVerdict(1_000, "r", "regressed", 999, -0.1, -0.2, -0.05, false, "fell")] };

        var pages = IndexPageModel.Build(new ReportData(snapshots, rows, verdicts), hasSummary: true);

        Assert.Equal(10, pages.Count);
        Assert.All(pages, p => Assert.Equal(IndexPageModel.PageSize, p.Snapshots.Count));
        Assert.Equal(1_000, pages[0].Snapshots[0].Snapshot.Id);
        Assert.Equal(1, pages[^1].Snapshots[^1].Snapshot.Id);
        Assert.Equal(("1 regressed", true), (pages[0].Snapshots[0].Verdicts, pages[0].Snapshots[0].Failed));
        Assert.Equal((null, "index-2.html"), (pages[0].Previous, pages[0].Next));
        Assert.Equal(("index-9.html", null), (pages[^1].Previous, pages[^1].Next));
        Assert.Equal([true, false], pages[0].Pages.Take(2).Select(p => p.Current));
        Assert.Equal("r", Assert.Single(pages[0].Ranking).Recipe);
        Assert.Equal("c1000", pages[0].Ranking[0].Snapshot.Commit);
        Assert.All(pages.Skip(1), p => Assert.Empty(p.Ranking));
    }

    private static CurveFit Fit(double a) => new()
    {
        Recipe = "r",
        Model = CurveModelKind.Sigmoid4,
        Status = FitStatus.Ok,
        Parameters = [new FitParameter("A", a, 0.01, new Interval(a - 0.02, a + 0.02))],
        AsymptoteName = "A",
        FitterVersion = "test",
        InputDigest = "test",
    };
}
