using System.Globalization;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting.Html;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;
using Microsoft.Playwright;

namespace Ledger.Report.Tests;

/// <summary>
/// The forest plot at the top of the example ledger's regressed feature build (real `ledger check` verdicts): one row
/// per recipe in order of change, worst first, with the verdict's symbol, the tolerance band where the tolerance puts
/// it on the plot's own axis, and rows that go to their recipe's section.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class GateForestPlotTests(Chromium chromium) : IDisposable
{
    private readonly ReportFixture _report = ReportFixture.OfExampleLedger();

    [Fact]
    public async Task Every_recipe_is_a_row_in_order_of_change_with_its_verdict_symbol_and_the_tolerance_band_at_minus_the_tolerance()
    {
        var (build, verdicts) = FeatureBuild();
        await using var visit = await chromium.OpenAsync(_report.Page(ReportFileNames.Snapshot(build.Id)));
        Assert.Empty(visit.ConsoleErrors);
        Assert.Empty(visit.OtherRequests);

        var rows = visit.Page.Locator("#forest tbody tr");
        Assert.Equal(verdicts.Count, await rows.CountAsync());
        var measured = verdicts.Where(v => v.DeltaA is not null).OrderBy(v => v.DeltaA).Select(v => v.Recipe);
        var unmeasured = verdicts.Where(v => v.DeltaA is null).Select(v => v.Recipe);
        Assert.Equal(measured.Concat(unmeasured), await rows.Locator("td:nth-child(1)").AllInnerTextsAsync());
        Assert.Equal("cispo", await rows.First.Locator("td:nth-child(1)").InnerTextAsync());
        Assert.Equal("▼ regressed", await rows.First.Locator("td:nth-child(2)").InnerTextAsync());
        Assert.Equal(OkabeIto.Vermillion, await rows.First.Locator("svg .verdict").GetAttributeAsync("fill"));
        Assert.Equal("polygon", await rows.First.Locator("svg .verdict").EvaluateAsync<string>("m => m.tagName"));
        foreach (var pass in await rows.Filter(new LocatorFilterOptions { HasText = "pass" }).AllAsync())
        {
            Assert.StartsWith("● pass", await pass.Locator("td:nth-child(2)").InnerTextAsync());
            Assert.Equal("circle", await pass.Locator("svg .verdict").EvaluateAsync<string>("m => m.tagName"));
        }
        // An unidentified recipe has no change to draw: no marker, and it comes last.
        Assert.Equal(0, await rows.Last.Locator("svg .verdict").CountAsync());

        // The band's edge where the axis' own labels put -0.02 (the example's tolerance), the band on the left of it, in every row.
        var x = await PlotReading.XAxis(visit.Page.Locator("#forest thead svg"));
        foreach (var row in await rows.AllAsync())
        {
            var band = await row.Locator("rect.tolerance").EvaluateAsync<double[]>("r => [+r.getAttribute('x'), +r.getAttribute('width')]");
            Assert.Equal(x(-0.02), band[0] + band[1], 0.15);
            Assert.True(band[0] < x(-0.05), "the band covers the falls beyond the tolerance");
        }
        // The marker sits at the gate's change on that axis.
        var marker = await rows.First.Locator("svg .verdict").EvaluateAsync<double>("m => { const b = m.getBBox(); return b.x + b.width / 2; }");
        Assert.Equal(x(verdicts.Single(v => v.Recipe == "cispo").DeltaA!.Value), marker, 0.3);

        // A click anywhere on the row, here on its strip of the plot, follows the row's link.
        await rows.Nth(2).Locator("td.strip").ClickAsync(new LocatorClickOptions { Force = true });
        var target = new Uri(visit.Page.Url).Fragment.TrimStart('#');
        var recipe = await rows.Nth(2).Locator("td:nth-child(1)").InnerTextAsync();
        Assert.Equal(recipe, await visit.Page.Locator($"section#{target} h2").InnerTextAsync());

        await PlotReading.Screenshot(visit, visit.Page.Locator("#forest"), _report.Root, "report-forest.png");
    }

    [Fact]
    public async Task With_lower_is_better_the_band_shades_the_rises_beyond_plus_the_tolerance()
    {
        var (build, _) = FeatureBuild();
        var folder = Path.Combine(_report.Root, "lower");
        var fit = new FitOptions { Tolerance = 0.03 };
        using (var store = LiteDbLedgerStore.OpenExisting(_report.LedgerPath))
        {
            // The build gated again as a loss would be: the plot shades the band its own gate tested with.
            GateUseCase.Run(new GateRequest(build.Commit, build.Branch, _report.Root, _ => null, null, fit,
                new GateOptions { Tolerance = 0.03, LowerIsBetter = true }, AllowList.Empty, DateOnly.FromDateTime(DateTime.UtcNow)), store);
            ReportUseCase.Run(new ReportRequest(folder, null, null, null, null, fit), store);
        }
        await using var visit = await chromium.OpenAsync(Path.Combine(folder, ReportFileNames.Snapshot(build.Id)));

        var x = await PlotReading.XAxis(visit.Page.Locator("#forest thead svg"));
        var band = await visit.Page.Locator("#forest tbody tr").First.Locator("rect.tolerance").EvaluateAsync<double[]>("r => [+r.getAttribute('x'), +r.getAttribute('width')]");
        Assert.Equal(x(0.03), band[0], 0.15);
        Assert.Contains("a rise of more than the tolerance 0.03", await visit.Page.Locator("p.meta", new PageLocatorOptions { HasText = "Shaded" }).InnerTextAsync());
        // Worst first: for a loss the largest rise.
        var changes = await visit.Page.Locator("#forest tbody tr td:nth-child(3)").AllInnerTextsAsync();
        var numbers = changes.Where(c => c != "-").Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(numbers.OrderByDescending(n => n), numbers);
    }

    private (Snapshot Build, IReadOnlyList<StoredVerdict> Verdicts) FeatureBuild()
    {
        using var store = LiteDbLedgerStore.OpenExisting(_report.LedgerPath);
        var build = store.GetSnapshots("feature/new-verifier")[^1];
        return (build, store.GetVerdicts(build.Id));
    }

    public void Dispose() => _report.Dispose();
}
