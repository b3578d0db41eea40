using Ledger.Core.Fitting;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting.Html;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Report.Tests;

/// <summary>
/// The example ledger's all-recipes pages: every recipe's curve of a snapshot on one axis, the identified ones dashed
/// beyond their data, A marked where it lies, one palette colour per recipe, the legend ranked by A; linked from the
/// index (for main's newest snapshot) and from each snapshot's page.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class AllRecipesPageTests(Chromium chromium) : IDisposable
{
    private readonly ReportFixture _report = ReportFixture.OfExampleLedger();

    [Fact]
    public async Task Every_recipe_is_one_curve_in_its_own_colour_with_A_marked_and_the_legend_ranked_by_A()
    {
        var (build, rows) = FeatureBuild();
        await using var visit = await chromium.OpenAsync(_report.Page(ReportFileNames.Curves(build.Id)));
        Assert.Empty(visit.ConsoleErrors);
        Assert.Empty(visit.OtherRequests);

        var identified = rows.Where(r => r.Fit.IdentifiedAsymptote is not null).OrderByDescending(r => r.Fit.IdentifiedAsymptote!.Value).ToList();
        var unidentified = rows.Where(r => r.Fit.IdentifiedAsymptote is null).OrderBy(r => r.Recipe, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(unidentified);
        var legend = visit.Page.Locator("#legend tbody tr");
        Assert.Equal(identified.Concat(unidentified).Select(r => r.Recipe), await legend.Locator("td:nth-child(2)").AllInnerTextsAsync());

        var plot = visit.Page.Locator("svg.plot");
        var solid = await plot.Locator("path.curve:not(.dashed)").EvaluateAllAsync<string[]>("ps => ps.map(p => p.getAttribute('stroke'))");
        Assert.Equal(rows.Count, solid.Length);
        Assert.Equal(rows.Count, solid.Distinct().Count());
        Assert.All(solid, colour => Assert.Contains(colour, OkabeIto.Colours));
        var dashed = plot.Locator("path.curve.dashed");
        Assert.Equal(identified.Count, await dashed.CountAsync());
        Assert.All(await dashed.EvaluateAllAsync<string[]>("ps => ps.map(p => getComputedStyle(p).strokeDasharray)"), d => Assert.NotEqual("none", d));

        // Each identified recipe's A mark, found by its legend colour, sits where the y axis' labels put its A.
        var y = await PlotReading.YAxis(plot);
        foreach (var row in identified)
        {
            var colour = await legend.Filter(new() { HasText = row.Recipe }).Locator("svg.swatch line").GetAttributeAsync("stroke");
            var mark = await plot.Locator($"line.a-mark[stroke='{colour}']").GetAttributeAsync("y1");
            Assert.Equal(y(row.Fit.IdentifiedAsymptote!.Value), double.Parse(mark!, System.Globalization.CultureInfo.InvariantCulture), 0.15);
        }

        await PlotReading.Screenshot(visit, null, _report.Root, "report-all-recipes.png");
    }

    [Fact]
    public async Task The_index_links_main_s_newest_snapshot_and_each_snapshot_page_links_its_own()
    {
        long newestMain;
        using (var store = LiteDbLedgerStore.OpenExisting(_report.LedgerPath))
            newestMain = store.GetSnapshots("main")[^1].Id;

        await using (var index = await chromium.OpenAsync(_report.Page("index.html")))
            Assert.Equal(ReportFileNames.Curves(newestMain), await index.Page.Locator("a#all-recipes").GetAttributeAsync("href"));
        await using var snapshot = await chromium.OpenAsync(_report.Page(ReportFileNames.Snapshot(3)));
        await snapshot.Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "All recipes together" }).ClickAsync();
        Assert.EndsWith(ReportFileNames.Curves(3), snapshot.Page.Url);
        Assert.StartsWith("Snapshot 3:", await snapshot.Page.Locator("p.meta").First.InnerTextAsync());
    }

    private (Snapshot Build, IReadOnlyList<HistoryRow> Rows) FeatureBuild()
    {
        using var store = LiteDbLedgerStore.OpenExisting(_report.LedgerPath);
        var build = store.GetSnapshots("feature/new-verifier")[^1];
        return (build, HistoryUseCase.Run(new HistoryRequest(null, null, build.Commit, new FitOptions()), store).Rows);
    }

    public void Dispose() => _report.Dispose();
}
