using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Report.Tests;

/// <summary>
/// The example ledger's index answers "where do we stand on main": the ranking is main's newest snapshot's (not the
/// feature branch's newer one, where cispo regressed), each recipe with its A over main as a sparkline, and the feature
/// branch listed with its newest snapshot's verdicts.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class IndexStandingTests(Chromium chromium) : IDisposable
{
    private readonly ReportFixture _report = ReportFixture.OfExampleLedger();

    [Fact]
    public async Task The_ranking_is_main_s_newest_snapshot_with_sparklines_and_the_feature_branch_is_listed_with_its_verdicts()
    {
        IReadOnlyList<HistoryRow> main;
        string verdicts;
        using (var store = LiteDbLedgerStore.OpenExisting(_report.LedgerPath))
        {
            var newestMain = store.GetSnapshots("main")[^1];
            main = HistoryUseCase.Run(new HistoryRequest(null, null, newestMain.Commit, new FitOptions()), store).Rows;
            var feature = store.GetVerdicts(store.GetSnapshots("feature/new-verifier")[^1].Id);
            // Counted by kind, in the order the snapshots table counts them.
            verdicts = string.Join(", ", Enum.GetValues<VerdictKind>()
                .Select(k => (k, n: feature.Count(v => v.Verdict == k.Name()))).Where(c => c.n > 0).Select(c => $"{c.n} {c.k.Name()}"));
        }
        await using var visit = await chromium.OpenAsync(_report.Page("index.html"));
        Assert.Empty(visit.ConsoleErrors);

        var ranked = main.Where(r => r.Fit.IdentifiedAsymptote is not null).OrderByDescending(r => r.Fit.IdentifiedAsymptote!.Value).Select(r => r.Recipe);
        var rows = visit.Page.Locator("#ranking tbody tr");
        Assert.Equal(ranked, (await rows.Locator("td:nth-child(2)").AllInnerTextsAsync()).Take(ranked.Count()));
        // cispo is ranked at main's A (0.78 in the scenario), not the feature branch's 0.70.
        var cispo = rows.Filter(new() { HasText = "cispo" });
        Assert.Equal(AsymptoteOf(main, "cispo"), double.Parse(await cispo.Locator("td:nth-child(3)").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture), 1e-3);
        Assert.StartsWith("main@", await cispo.Locator("td:nth-child(7)").InnerTextAsync());
        // A sparkline for every recipe main identifies more than once: all but reinforce-early, which never is.
        Assert.Equal(main.Count - 1, await rows.Locator("svg.sparkline").CountAsync());
        Assert.Equal(0, await rows.Filter(new() { HasText = "reinforce-early" }).Locator("svg.sparkline").CountAsync());

        var branch = visit.Page.Locator("#branches tbody tr");
        Assert.Equal(["feature/new-verifier"], await branch.Locator("td:nth-child(1)").AllInnerTextsAsync());
        Assert.Equal(verdicts, await branch.Locator("td:nth-child(5)").InnerTextAsync());
        Assert.Contains("regressed", verdicts);

        await PlotReading.Screenshot(visit, null, _report.Root, "report-index.png");
    }

    private static double AsymptoteOf(IReadOnlyList<HistoryRow> rows, string recipe) => rows.Single(r => r.Recipe == recipe).Fit.IdentifiedAsymptote!.Value;

    public void Dispose() => _report.Dispose();
}
