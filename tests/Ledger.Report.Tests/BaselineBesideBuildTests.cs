using System.Globalization;
using Ledger.Core.Fitting;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting.Html;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;
using Microsoft.Playwright;

namespace Ledger.Report.Tests;

/// <summary>
/// The example ledger's feature branch, whose second build regressed cispo (A from 0.78 to 0.70 in the scenario), gated
/// by the real `ledger check`: its snapshot page draws the baseline's fit under the build's, named in the legend, and
/// the gate's change in A as a bracket between the two A lines, with the gate's interval.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class BaselineBesideBuildTests(Chromium chromium) : IDisposable
{
    private readonly ReportFixture _report = ReportFixture.OfExampleLedger();

    [Fact]
    public async Task The_regressed_recipe_is_drawn_with_its_baseline_muted_and_named_and_the_change_bracketed_where_the_gate_put_it()
    {
        var (build, verdict, baseline, baselineA) = Regression();
        await using var visit = await chromium.OpenAsync(_report.Page(ReportFileNames.Snapshot(build.Id)));
        Assert.Empty(visit.ConsoleErrors);
        Assert.Empty(visit.OtherRequests);

        var section = PlotReading.Section(visit, "cispo");
        var plot = section.Locator("svg.plot");
        Assert.Equal(2, await plot.Locator("path.fit:not(.key)").CountAsync());
        Assert.Equal(1, await plot.Locator("path.fit.baseline:not(.key)").CountAsync());
        Assert.Equal(2, await plot.Locator("polygon.band").CountAsync());
        Assert.Equal(1, await plot.Locator("line.asymptote.baseline:not(.key)").CountAsync());
        Assert.Equal(2, await plot.Locator("line.asymptote:not(.key)").CountAsync());
        // The baseline's three seeds of 16 points, hollow; the build's three, filled.
        Assert.Equal(48, await Subpaths(plot.Locator("path.points.hollow:not(.key)")));
        Assert.Equal(48, await Subpaths(plot.Locator("path.points:not(.hollow)")));
        var legend = await section.Locator("li.baseline-key").InnerTextAsync();
        Assert.StartsWith($"baseline ({baseline.Branch}@{baseline.Commit[..7]})", legend);
        Assert.Equal("baseline (main@" + baseline.Commit[..7] + ")", legend[..(legend.IndexOf(')') + 1)]);

        // The bracket runs from the baseline's A to the baseline's A plus the gate's change; the whisker spans the
        // gate's interval on the change: positions worked out from the y axis' own tick labels.
        var y = await PlotReading.YAxis(plot);
        var bracket = Points(await plot.Locator("path.delta-bracket").GetAttributeAsync("d"));
        Assert.Equal(y(baselineA), bracket[1].Y, 0.1 + 1e-9);
        Assert.Equal(y(baselineA + verdict.DeltaA!.Value), bracket[2].Y, 0.1 + 1e-9);
        var whisker = await plot.Locator("line.delta-interval").First.EvaluateAsync<double[]>("l => [+l.getAttribute('y1'), +l.getAttribute('y2')]");
        Assert.Equal(y(baselineA + verdict.Lower!.Value), whisker[0], 0.1 + 1e-9);
        Assert.Equal(y(baselineA + verdict.Upper!.Value), whisker[1], 0.1 + 1e-9);
        // The label reads the verdict table's own change and interval: the gate's numbers, not recomputed.
        var row = visit.Page.Locator("#verdicts tbody tr", new PageLocatorOptions { HasText = "cispo" });
        var change = await row.Locator("td:nth-child(4)").InnerTextAsync();
        var interval = await row.Locator("td:nth-child(5)").InnerTextAsync();
        Assert.Equal($"ΔA {change} {interval}", await plot.Locator("text.delta-label").TextContentAsync());

        await PlotReading.Screenshot(visit, section, _report.Root, "report-baseline.png");
    }

    [Fact]
    public async Task A_recipe_the_gate_compared_with_nothing_has_no_baseline_drawn()
    {
        await using var visit = await chromium.OpenAsync(_report.Page(ReportFileNames.Snapshot(1)));

        Assert.Equal(6, await visit.CountAsync("section.recipe svg.plot"));
        Assert.Equal(0, await visit.CountAsync(".baseline, .baseline-key, .delta-bracket"));
    }

    private (Snapshot Build, StoredVerdict Verdict, Snapshot Baseline, double BaselineA) Regression()
    {
        using var store = LiteDbLedgerStore.OpenExisting(_report.LedgerPath);
        var build = store.GetSnapshots("feature/new-verifier")[^1];
        var verdict = store.GetVerdicts(build.Id).Single(v => v.Recipe == "cispo");
        Assert.Equal("regressed", verdict.Verdict);
        var baseline = store.GetSnapshots().Single(s => s.Id == verdict.BaselineSnapshotId);
        var history = HistoryUseCase.Run(new HistoryRequest("cispo", null, baseline.Commit, new FitOptions()), store).Rows.Single();
        return (build, verdict, baseline, history.Fit.IdentifiedAsymptote!.Value);
    }

    private static List<PlotPoint> Points(string? path) => (path ?? "").Split(['M', 'L'], StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Trim().Split(' ')).Select(p => new PlotPoint(double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture))).ToList();

    private static async Task<int> Subpaths(ILocator paths) =>
        (await paths.EvaluateAllAsync<string[]>("ps => ps.map(p => p.getAttribute('d'))")).Sum(d => d.Count(c => c is 'M' or 'm'));

    public void Dispose() => _report.Dispose();
}
