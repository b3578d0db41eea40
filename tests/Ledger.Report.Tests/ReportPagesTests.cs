using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Reporting;
using Ledger.Core.Reporting.Html;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;
using Microsoft.Playwright;

namespace Ledger.Report.Tests;

/// <summary>
/// The report of the example logs (tests/examples: grpo-b512 and ppo-baseline identify A, cispo-early does not)
/// over two snapshots, the second gated against the first, opened in Chromium.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ReportPagesTests(Chromium chromium) : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly ReportFixture _report = Build();

    private static ReportFixture Build()
    {
        var report = ReportFixture.Create();
        report.Append(["tests/examples/runs/**/*.csv"], "1111111aaaa", "main", Monday);
        var second = report.Append(["tests/examples/runs/grpo-b512/*.csv", "tests/examples/runs/ppo-baseline/*.csv"], "2222222bbbb", "main", Monday.AddDays(1)).Snapshot;
        // The verdicts and the document the gate would keep on the second snapshot: what the pages must show.
        using (var store = LiteDbLedgerStore.OpenExisting(report.LedgerPath))
        {
            store.RecordVerdicts(
            [
                new StoredVerdict(second.Id, "grpo-b512", "pass", 1, 0.0, -0.01, 0.01, false, null),
                new StoredVerdict(second.Id, "ppo-baseline", "regressed", 1, -0.05, -0.08, -0.02, false, "A fell by 0.05"),
                new StoredVerdict(second.Id, "cispo-early", "missing", 1, null, null, null, false, "in the baseline, absent now"),
            ], GateSummary.OfDocument(second.Id, GateJson.Write(Gate, indented: false)));
        }
        report.Render();
        return report;
    }

    [Fact]
    public async Task The_snapshot_page_with_verdicts_has_the_verdict_table_and_one_plot_per_recipe_with_every_part()
    {
        await using var visit = await chromium.OpenAsync(_report.Page(ReportFileNames.Snapshot(2)));

        AssertSelfContained(visit);
        var rows = visit.Page.Locator("#verdicts tbody tr");
        Assert.Equal(3, await rows.CountAsync());
        Assert.Equal(["regressed", "missing", "pass"], await visit.Page.Locator("#verdicts tbody tr td:nth-child(2)").AllInnerTextsAsync());
        Assert.Equal(2, await visit.CountAsync("section.recipe svg.plot"));

        var grpo = PlotReading.Section(visit, "grpo-b512").Locator("svg.plot");
        Assert.Equal(3, await grpo.Locator("path.points:not(.hollow)").CountAsync());
        Assert.Equal(48, await PointsDrawn(grpo));
        Assert.Equal(1, await grpo.Locator("path.fit:not(.baseline)").CountAsync());
        Assert.Equal(1, await grpo.Locator("path.extrapolation:not(.baseline)").CountAsync());
        Assert.Equal(1, await grpo.Locator("polygon.band:not(.baseline)").CountAsync());
        Assert.Equal(1, await grpo.Locator("line.asymptote:not(.key):not(.baseline)").CountAsync());
        Assert.Equal(1, await grpo.Locator("line.midpoint:not(.key)").CountAsync());
        Assert.Equal(3, await PlotReading.Section(visit, "grpo-b512").Locator("ul.runs li:not(.baseline-key)").CountAsync());
        // Gated against snapshot 1, which holds the same runs: one fit, drawn once, and the baseline named.
        Assert.Equal("baseline (main@1111111aaaa), change in A +0 [-0.01, 0.01]; the same runs as this build, so the same fit, drawn once",
            await PlotReading.Section(visit, "grpo-b512").Locator("ul.runs li.baseline-key").InnerTextAsync());
        Assert.Equal(0, await grpo.Locator(".baseline").CountAsync());
        Assert.Contains("A (ceiling)", await grpo.Locator("text.legend").AllTextContentsAsync());

        await PlotReading.Screenshot(visit, null, _report.Root, "report-screenshot.png");
    }

    [Fact]
    public async Task A_snapshot_without_verdicts_shows_each_fit_status_and_no_extrapolation_for_an_unidentified_fit()
    {
        await using var visit = await chromium.OpenAsync(_report.Page(ReportFileNames.Snapshot(1)));

        AssertSelfContained(visit);
        Assert.Equal(0, await visit.CountAsync("#verdicts"));
        Assert.Equal(["unidentified", "ok", "ok"], await visit.Page.Locator("#statuses tbody tr td:nth-child(4)").AllInnerTextsAsync());
        Assert.Equal(3, await visit.CountAsync("section.recipe svg.plot"));
        var cispo = PlotReading.Section(visit, "cispo-early").Locator("svg.plot");
        Assert.Equal(32, await PointsDrawn(cispo));
        Assert.Equal(1, await cispo.Locator("path.fit").CountAsync());
        Assert.Equal(0, await cispo.Locator("path.extrapolation, line.asymptote:not(.key), line.midpoint:not(.key)").CountAsync());
    }

    [Fact]
    public async Task The_index_lists_snapshots_newest_first_and_ranks_recipes_by_A()
    {
        await using var visit = await chromium.OpenAsync(_report.Page("index.html"));

        AssertSelfContained(visit);
        Assert.Equal(["2", "1"], await visit.Page.Locator("#snapshots tbody tr td:nth-child(1)").AllInnerTextsAsync());
        Assert.Equal("1 pass, 1 regressed, 1 missing", await visit.Page.Locator("#snapshots tbody tr td:nth-child(6)").First.InnerTextAsync());
        Assert.Equal(["grpo-b512", "ppo-baseline", "cispo-early"], await visit.Page.Locator("#ranking tbody tr td:nth-child(2)").AllInnerTextsAsync());
        Assert.Equal(["1", "2", "-"], await visit.Page.Locator("#ranking tbody tr td:nth-child(1)").AllInnerTextsAsync());
    }

    [Fact]
    public async Task The_recipe_page_plots_A_over_time_with_the_baseline_ringed_and_the_regression_marked()
    {
        await using var visit = await chromium.OpenAsync(_report.Page(ReportFileNames.Recipe("ppo-baseline")));

        AssertSelfContained(visit);
        var plot = visit.Page.Locator("svg.plot");
        Assert.Equal(2, await plot.Locator(".point").CountAsync());
        Assert.Equal(1, await plot.Locator(".ring:not(.key)").CountAsync());
        Assert.Equal(1, await plot.Locator($".verdict-mark.regressed[fill='{OkabeIto.Vermillion}']").CountAsync());
        Assert.Equal(["", "regressed"], await visit.Page.Locator("#history tbody tr td:nth-child(8)").AllInnerTextsAsync());
        Assert.Equal(["yes", ""], await visit.Page.Locator("#history tbody tr td:nth-child(9)").AllInnerTextsAsync());
    }

    /// <summary>The gate on the second snapshot, which the ledger keeps as its document.</summary>
    private static readonly GateReport Gate = new("2222222bbbb", "main", "main@1111111aaaa", new GateOptions(),
    [
        new RecipeVerdict("ppo-baseline", VerdictKind.Regressed, 0.65, new Interval(0.63, 0.67), 0.7, -0.05, new Interval(-0.08, -0.02), 1e-4, false, "A fell by 0.05", null, false),
        new RecipeVerdict("grpo-b512", VerdictKind.Pass, 0.8, new Interval(0.79, 0.81), 0.8, 0.0, new Interval(-0.01, 0.01), 0.5, false, "", null, false),
    ], new Dictionary<string, IReadOnlyList<string>>());

    [Fact]
    public void The_summary_is_the_gate_Markdown_of_the_newest_snapshot_word_for_word()
    {
        var summary = File.ReadAllText(_report.Page(ReportFileNames.Summary));

        Assert.Equal(GateMarkdown.Write(Gate), summary);
        Assert.StartsWith("### Ledger gate: ❌ failed", summary);
    }

    /// <summary>This build's observed points in a plot (not the baseline's, which are hollow): each run is one path, each point one subpath of it.</summary>
    private static async Task<int> PointsDrawn(ILocator plot) =>
        (await plot.Locator("path.points:not(.hollow)").EvaluateAllAsync<string[]>("paths => paths.map(p => p.getAttribute('d'))")).Sum(d => d.Count(c => c is 'M' or 'm'));

    private static void AssertSelfContained(PageVisit visit)
    {
        Assert.Empty(visit.ConsoleErrors);
        Assert.Empty(visit.OtherRequests);
        Assert.Empty(visit.Dialogs);
    }

    public void Dispose() => _report.Dispose();
}
