using System.Globalization;
using Ledger.Core.Fitting;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting.Html;
using Ledger.Core.Storage.LiteDb;
using Microsoft.Playwright;
using static Ledger.Core.Reporting.NumberFormat;

namespace Ledger.Report.Tests;

/// <summary>
/// The example ledger's report as a screen reader and a printer take it: every plot on every page an image named by its
/// own title and description, the regressed recipe's described in the stored numbers and tabled in them, and every page
/// kind laid out for print on the width of an A4 page without a plot cut off.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class PlotAccessibilityTests(Chromium chromium) : IDisposable
{
    private readonly ReportFixture _report = ReportFixture.OfExampleLedger();

    [Fact]
    public async Task Every_plot_on_every_page_is_an_image_named_by_its_own_title_and_description()
    {
        var kinds = new HashSet<string>();
        var pages = Directory.GetFiles(_report.OutputDirectory, "*.html");
        foreach (var page in pages)
        {
            await using var visit = await chromium.OpenAsync(page);
            var svgs = await visit.Page.EvaluateAsync<SvgRead[]>(
                """
                () => [...document.querySelectorAll('svg')].map(s => {
                  const ids = [s.getAttribute('aria-labelledby'), s.getAttribute('aria-describedby')].filter(x => x);
                  const parts = ids.map(id => document.getElementById(id));
                  return {
                    cls: s.getAttribute('class'), hidden: s.getAttribute('aria-hidden') === 'true', role: s.getAttribute('role') || '',
                    title: s.querySelector(':scope > title')?.textContent || '', desc: s.querySelector(':scope > desc')?.textContent || '',
                    labelled: parts.length === 2 && parts[0]?.tagName === 'title' && parts[0].parentNode === s && parts[1]?.tagName === 'desc' && parts[1].parentNode === s,
                    unique: ids.every(id => document.querySelectorAll('#' + CSS.escape(id)).length === 1)
                  };
                })
                """);
            foreach (var svg in svgs)
            {
                if (svg.Hidden)
                {
                    // Only a legend's key, beside the words that say what it stands for.
                    Assert.Contains(svg.Cls, new[] { "marker", "swatch" });
                    continue;
                }
                Assert.True(svg is { Role: "img", Labelled: true, Unique: true }, $"{Path.GetFileName(page)}: a {svg.Cls} plot not named by its own title and described by its own desc");
                Assert.False(string.IsNullOrWhiteSpace(svg.Title), $"{Path.GetFileName(page)}: a {svg.Cls} plot without a title");
                Assert.False(string.IsNullOrWhiteSpace(svg.Desc), $"{Path.GetFileName(page)}: a {svg.Cls} plot without a description");
                // In numbers, but for a forest row whose change the gate did not measure ("unidentified: no change measured").
                if (!svg.Desc.EndsWith("no change measured.", StringComparison.Ordinal))
                    Assert.True(svg.Desc.Any(char.IsAsciiDigit), $"{Path.GetFileName(page)}: '{svg.Desc}' gives no number");
                kinds.Add(svg.Cls);
            }
        }
        // Curve plots, A over time and the all-recipes plot (plot), the forest plot's strips, the index's sparklines.
        Assert.Equal(["plot", "sparkline", "strip"], kinds.Order(StringComparer.Ordinal));

        // The browser names the image by its title, as a screen reader is told it.
        await using var recipe = await chromium.OpenAsync(_report.Page(ReportFileNames.Recipe("cispo")));
        var image = recipe.Page.GetByRole(AriaRole.Img, new() { Name = "cispo: A over time", Exact = true });
        Assert.Equal(1, await image.CountAsync());
    }

    [Fact]
    public async Task The_regressed_recipe_s_plots_are_described_and_tabled_in_the_stored_numbers()
    {
        CurveFit build, baseline;
        Ledger.Core.Storage.StoredVerdict verdict;
        using (var store = LiteDbLedgerStore.OpenExisting(_report.LedgerPath))
        {
            var snapshot = store.GetSnapshots("feature/new-verifier")[^1];
            verdict = store.GetVerdicts(snapshot.Id).Single(v => v.Recipe == "cispo");
            var baselineCommit = store.GetSnapshots().Single(s => s.Id == verdict.BaselineSnapshotId).Commit;
            build = Fit(store, snapshot.Commit);
            baseline = Fit(store, baselineCommit);
        }
        await using var visit = await chromium.OpenAsync(_report.Page(ReportFileNames.Snapshot(verdict.SnapshotId)));
        var section = PlotReading.Section(visit, "cispo");

        var description = await section.Locator("svg.plot > desc").TextContentAsync();
        Assert.Contains($"A fell from {Short(baseline.IdentifiedAsymptote!.Value)} to {Short(build.IdentifiedAsymptote!.Value)}: change {(verdict.DeltaA < 0 ? "" : "+")}{Short(verdict.DeltaA!.Value)}", description);
        Assert.Equal("cispo: reward against RL compute", await section.Locator("svg.plot > title").TextContentAsync());

        // The table behind the plot: each compute it lists, the stored fits' sigmoids worked out here, build and baseline.
        var rows = await section.Locator("table.curve-numbers tbody tr").EvaluateAllAsync<string[][]>("rs => rs.map(r => [...r.cells].map(c => c.textContent))");
        Assert.True(rows.Length >= 3, "the fitted range's ends and a decade between");
        Assert.Contains(rows, r => r[0].EndsWith("(extrapolated)", StringComparison.Ordinal));
        foreach (var row in rows)
        {
            var compute = double.Parse(row[0].Replace(" (extrapolated)", ""), CultureInfo.InvariantCulture);
            Assert.Equal(Sigmoid(build, compute), double.Parse(row[1], CultureInfo.InvariantCulture), 6e-4);
            Assert.Equal(Sigmoid(baseline, compute), double.Parse(row[3], CultureInfo.InvariantCulture), 6e-4);
        }

        // The all-recipes plot's table: the reward cispo's curve reaches at the target compute its column names.
        await using var curves = await chromium.OpenAsync(_report.Page(ReportFileNames.Curves(verdict.SnapshotId)));
        var target = double.Parse((await curves.Page.Locator("#legend th:nth-child(5)").InnerTextAsync())["at ".Length..], CultureInfo.InvariantCulture);
        var cispo = curves.Page.Locator("#legend tbody tr", new() { HasText = "cispo" });
        Assert.Equal(Sigmoid(build, target), double.Parse(await cispo.Locator("td:nth-child(5)").InnerTextAsync(), CultureInfo.InvariantCulture), 6e-4);
        Assert.Equal(Short(build.IdentifiedAsymptote!.Value), await cispo.Locator("td:nth-child(3)").InnerTextAsync());
    }

    [Fact]
    public async Task Every_page_kind_prints_on_an_A4_width_with_no_plot_cut_off()
    {
        // A4's 210 mm less the print stylesheet's 1.5 cm margins, in CSS pixels (96 to the inch).
        const int printable = (int)((210 - 30) / 25.4 * 96);
        var snapshot = Directory.GetFiles(_report.OutputDirectory, "snapshot-*.html").Max(f => int.Parse(Path.GetFileNameWithoutExtension(f)[9..], CultureInfo.InvariantCulture));
        foreach (var page in new[] { "index.html", ReportFileNames.Snapshot(snapshot), ReportFileNames.Curves(snapshot), ReportFileNames.Recipe("cispo") })
        {
            await using var visit = await chromium.OpenAsync(_report.Page(page));
            await visit.Page.SetViewportSizeAsync(printable, 1100);
            await visit.Page.EmulateMediaAsync(new() { Media = Media.Print });

            var layout = await visit.Page.EvaluateAsync<double[]>(
                "() => [document.documentElement.scrollWidth, Math.max(...[...document.querySelectorAll('svg')].map(s => s.getBoundingClientRect().right)), document.querySelectorAll('svg').length]");
            Assert.True(layout[0] <= printable, $"{page} is {layout[0]} px wide in print, wider than the page's {printable}");
            Assert.True(layout[1] <= printable, $"{page}: a plot reaches {layout[1]} px, past the page's {printable}");
            Assert.True(layout[2] > 0);
            Assert.Equal("none", await visit.Page.Locator("nav, p.pages").First.EvaluateAsync<string>("n => getComputedStyle(n).display").ContinueWith(t => t.IsFaulted ? "none" : t.Result));
            Assert.Contains("underline", await visit.Page.Locator("main a, body a").Last.EvaluateAsync<string>("a => getComputedStyle(a).textDecorationLine"));
            if (page.StartsWith("snapshot-", StringComparison.Ordinal))
            {
                Assert.Equal(["page"], (await visit.Page.Locator("section.recipe").EvaluateAllAsync<string[]>("ss => ss.map(s => getComputedStyle(s).breakBefore)")).Distinct());
                await PlotReading.Screenshot(visit, null, _report.Root, "report-print.png");
            }
        }
    }

    /// <summary>R(C) = R0 + (A - R0) / (1 + (C_mid / C)^B), from the fit's stored parameters (R0 is 0 in the three-parameter form).</summary>
    private static double Sigmoid(CurveFit fit, double compute)
    {
        double P(string name) => fit.Parameters.SingleOrDefault(p => p.Name == name)?.Value ?? 0;
        return P("R0") + (P("A") - P("R0")) / (1 + Math.Pow(P("C_mid") / compute, P("B")));
    }

    private static CurveFit Fit(LiteDbLedgerStore store, string commit) =>
        HistoryUseCase.Run(new HistoryRequest("cispo", null, commit, new FitOptions()), store).Rows.Single().Fit;

    /// <summary>One svg element as the page's script read it (Playwright fills a class's settable properties by name).</summary>
    public sealed class SvgRead
    {
        public string Cls { get; set; } = "";
        public bool Hidden { get; set; }
        public string Role { get; set; } = "";
        public string Title { get; set; } = "";
        public string Desc { get; set; } = "";
        public bool Labelled { get; set; }
        public bool Unique { get; set; }
    }

    public void Dispose() => _report.Dispose();
}
