using System.Globalization;
using Ledger.Core.Fitting;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting.Html;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;
using static Ledger.Core.Reporting.NumberFormat;

namespace Ledger.Report.Tests;

/// <summary>
/// The example ledger's cispo over time, opened in Chromium: main's eight builds joined into one series, the feature
/// branch's two builds apart with a marker and a legend entry of their own, every snapshot the stored verdicts were gated
/// against ringed (no other), the regression marked above its build, and the steps on main's columns only.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class RecipeBranchesTests(Chromium chromium) : IDisposable
{
    private const string Recipe = "cispo";
    private readonly ReportFixture _report = ReportFixture.OfExampleLedger();

    [Fact]
    public async Task Main_is_one_series_the_feature_branch_stands_apart_in_the_legend_and_the_gate_s_baselines_are_ringed()
    {
        var (rows, verdicts) = Stored();
        var identified = rows.Where(r => r.Fit.IdentifiedAsymptote is not null).ToList();
        var main = identified.Where(r => r.Branch == "main").ToList();
        var feature = identified.Where(r => r.Branch == "feature/new-verifier").ToList();
        Assert.Equal(identified.Count, main.Count + feature.Count);
        Assert.True(main.Count >= 2 && feature.Count >= 1, "the example has both branches' fits of cispo");
        var baselines = verdicts.Select(v => v.BaselineSnapshotId).OfType<long>().ToHashSet();
        await using var visit = await chromium.OpenAsync(_report.Page(ReportFileNames.Recipe(Recipe)));
        Assert.Empty(visit.ConsoleErrors);
        var plot = visit.Page.Locator("figure svg.plot");

        // Every identified snapshot drawn once, in time order: its marker's centre, and the branch its class names.
        var points = await plot.Locator(".point:not(.key)").EvaluateAllAsync<PointRead[]>(
            "ps => ps.map(p => { const b = p.getBBox(); return { x: b.x + b.width / 2, y: b.y + b.height / 2, tag: p.tagName, fill: p.getAttribute('fill'), cls: p.getAttribute('class') }; })");
        Assert.Equal(identified.Count, points.Length);
        Assert.Equal(identified.Select(r => r.Branch == "main" ? "point branch-0" : "point branch-1"), points.Select(p => p.Cls));

        // main joined: one line through exactly its points, in order; nothing joins the feature branch's.
        var series = Vertices(Assert.Single(await plot.Locator("path.series").EvaluateAllAsync<string[]>("ps => ps.map(p => p.getAttribute('d'))")));
        var mainPoints = points.Where(p => p.Cls == "point branch-0").ToList();
        Assert.Equal(mainPoints.Count, series.Count);
        Assert.All(series.Zip(mainPoints), pair => AssertAt(pair.Second, pair.First.X, pair.First.Y));
        var featurePoints = points.Where(p => p.Cls == "point branch-1").ToList();
        Assert.Equal(feature.Count, featurePoints.Count);
        // A marker of its own: another shape or another colour than main's.
        Assert.All(featurePoints, p => Assert.True(p.Tag != mainPoints[0].Tag || p.Fill != mainPoints[0].Fill));

        // The legend under the plot names each branch beside the same marker as its points.
        var legend = visit.Page.Locator("ul.branches li");
        Assert.Equal(2, await legend.CountAsync());
        Assert.StartsWith($"main ({main.Count} snapshots, joined", await legend.Nth(0).InnerTextAsync());
        Assert.StartsWith($"feature/new-verifier ({feature.Count} snapshots)", await legend.Nth(1).InnerTextAsync());
        var key = legend.Nth(1).Locator(".point");
        Assert.Equal(featurePoints[0].Tag, await key.EvaluateAsync<string>("k => k.tagName"));
        Assert.Equal(featurePoints[0].Fill, await key.GetAttributeAsync("fill"));

        // Ringed: exactly the snapshots the stored verdicts on cispo name as their baseline, each on its own point.
        var ringed = identified.Select((r, i) => (r, i)).Where(p => baselines.Contains(p.r.SnapshotId)).Select(p => points[p.i]).ToList();
        Assert.NotEmpty(ringed);
        var rings = await plot.Locator("circle.ring:not(.key)").EvaluateAllAsync<double[][]>("cs => cs.map(c => [+c.getAttribute('cx'), +c.getAttribute('cy')])");
        Assert.Equal(ringed.Count, rings.Length);
        Assert.All(rings.Zip(ringed), pair => AssertAt(pair.Second, pair.First[0], pair.First[1]));

        // The regression marked above the build the gate found regressed.
        var regressed = identified.Select((r, i) => (r, i)).Where(p => verdicts.Any(v => v.SnapshotId == p.r.SnapshotId && v.Verdict == "regressed")).ToList();
        Assert.NotEmpty(regressed);
        var marks = await plot.Locator(".verdict-mark.regressed").EvaluateAllAsync<double[]>("ms => ms.map(m => { const b = m.getBBox(); return b.x + b.width / 2; })");
        Assert.Equal(regressed.Select(p => points[p.i].X), marks, new ToleranceComparer());

        // The steps run along main's columns, never out to the feature branch's later ones.
        var steps = (await plot.Locator("path.steps:not(.key)").EvaluateAllAsync<string[]>("ps => ps.map(p => p.getAttribute('d'))")).SelectMany(Vertices).ToList();
        Assert.NotEmpty(steps);
        Assert.True(steps.Max(s => s.X) < featurePoints.Min(p => p.X), "the steps stop at main's last column");

        // What a screen reader hears: main's A from its first build to its last, in the stored numbers.
        var description = await plot.Locator("desc").TextContentAsync();
        Assert.Contains($"main (joined by a line): {main.Count} snapshots, A from {Short(main[0].Fit.IdentifiedAsymptote!.Value)} (#{main[0].SnapshotId}) to {Short(main[^1].Fit.IdentifiedAsymptote!.Value)} (#{main[^1].SnapshotId})", description);
        Assert.Contains($"{ringed.Count} snapshots ringed as the gate's baselines", description);

        await PlotReading.Screenshot(visit, null, _report.Root, "report-recipe.png");
    }

    private (IReadOnlyList<HistoryRow> Rows, List<StoredVerdict> Verdicts) Stored()
    {
        using var store = LiteDbLedgerStore.OpenExisting(_report.LedgerPath);
        var rows = HistoryUseCase.Run(new HistoryRequest(Recipe, null, null, new FitOptions()), store).Rows.OrderBy(r => r.SnapshotId).ToList();
        var verdicts = store.GetVerdicts(store.GetSnapshots().Select(s => s.Id).ToList()).Values.SelectMany(v => v).Where(v => v.Recipe == Recipe).ToList();
        return (rows, verdicts);
    }

    /// <summary>A marker as the page's script read it: its centre, element, fill and class (Playwright fills settable properties by name).</summary>
    public sealed class PointRead
    {
        public double X { get; set; }
        public double Y { get; set; }
        public string Tag { get; set; } = "";
        public string Fill { get; set; } = "";
        public string Cls { get; set; } = "";
    }

    private const double Close = 0.15;

    private static void AssertAt(PointRead point, double x, double y)
    {
        Assert.Equal(x, point.X, Close);
        Assert.Equal(y, point.Y, Close);
    }

    private static List<(double X, double Y)> Vertices(string path) => path.Split(['M', 'L'], StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Trim().Split(' ')).Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture))).ToList();

    private sealed class ToleranceComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < Close;
        public int GetHashCode(double obj) => 0;
    }

    public void Dispose() => _report.Dispose();
}
