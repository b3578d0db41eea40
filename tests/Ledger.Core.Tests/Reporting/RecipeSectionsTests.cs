using Ledger.Core.Fitting;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting.Html;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Core.Tests.Reporting;

/// <summary>Snapshot sections on a real ledger file: a recipe whose runs another snapshot already showed reuses that section, a changed one is drawn anew.</summary>
public sealed class RecipeSectionsTests
{
    private static readonly FitOptions Options = new() { BootstrapResamples = 0 };

    [Fact]
    public void A_recipe_whose_runs_did_not_change_reuses_its_section_and_a_changed_one_gets_a_new_plot()
    {
        using var folder = new TempFolder();
        using var store = LiteDbLedgerStore.Open(folder.File("ledger.db"));
        store.Append(new SnapshotDraft("c1", "main", DateTimeOffset.UnixEpoch), [Run("grpo", 1), Run("ppo", 2)]);
        store.Append(new SnapshotDraft("c2", "main", DateTimeOffset.UnixEpoch.AddDays(1)), [Run("grpo", 1), Run("ppo", 2), Run("ppo", 3)]);
        var snapshots = store.GetSnapshots();
        var fits = ReportInputs.ResolveFits(store, snapshots, Options, recipe: null);
        var sections = new RecipeSections(fits, new FitOptions(), new ReportTemplates(null));

        var first = sections.For(fits.Rows.Where(r => r.SnapshotId == snapshots[0].Id).ToList());
        var second = sections.For(fits.Rows.Where(r => r.SnapshotId == snapshots[1].Id).ToList());

        Assert.Equal(["grpo", "ppo"], second.Select(s => s.Model.Recipe));
        Assert.Same(first[0], second[0]);
        Assert.NotSame(first[1], second[1]);
        Assert.Equal(["seed2"], first[1].Model.Runs.Select(r => r.Name));
        Assert.Equal(["seed2", "seed3"], second[1].Model.Runs.Select(r => r.Name));
        Assert.NotEqual(first[1].Model.Plot!.Markup, second[1].Model.Plot!.Markup);
        Assert.StartsWith("<h2 class=\"name\">ppo</h2>", second[1].Html.Markup);
        Assert.Contains(second[1].Model.Plot!.Markup, second[1].Html.Markup);
    }

    [Fact]
    public void A_recipe_whose_runs_come_back_after_a_pull_request_reuses_the_section_of_the_snapshot_before_it()
    {
        using var folder = new TempFolder();
        using var store = LiteDbLedgerStore.Open(folder.File("ledger.db"));
        store.Append(new SnapshotDraft("c1", "main", DateTimeOffset.UnixEpoch), [Run("grpo", 1)]);
        store.Append(new SnapshotDraft("c2", "pr/7", DateTimeOffset.UnixEpoch.AddDays(1)), [Run("grpo", 2)]);
        store.Append(new SnapshotDraft("c3", "main", DateTimeOffset.UnixEpoch.AddDays(2)), [Run("grpo", 1)]);
        var snapshots = store.GetSnapshots();
        var fits = ReportInputs.ResolveFits(store, snapshots, Options, recipe: null);
        var sections = new RecipeSections(fits, new FitOptions(), new ReportTemplates(null));

        var pages = snapshots.Select(s => sections.For(fits.Rows.Where(r => r.SnapshotId == s.Id).ToList()).Single()).ToList();

        Assert.Same(pages[0], pages[2]);
        Assert.NotSame(pages[0], pages[1]);
        Assert.Equal(fits.InputOf(fits.Rows[0]), fits.InputOf(fits.Rows[2]));
    }

    [Fact]
    public void Pages_gated_against_different_baselines_of_the_same_runs_share_one_section_and_each_names_its_own_baseline()
    {
        using var folder = new TempFolder();
        using var store = LiteDbLedgerStore.Open(folder.File("ledger.db"));
        var ids = new[] { "c1", "c2", "c3" }.Select((commit, i) =>
            store.Append(new SnapshotDraft(commit, "main", DateTimeOffset.UnixEpoch.AddDays(i)), [Run("grpo", 1)]).Snapshot.Id).ToList();
        store.RecordVerdicts([new StoredVerdict(ids[1], "grpo", "pass", ids[0], 0.001, -0.01, 0.012, false, null)]);
        // The gate's interval on an unchanged recipe moves a little from build to build (its seed prior pools the ledger).
        store.RecordVerdicts([new StoredVerdict(ids[2], "grpo", "pass", ids[1], 0.001, -0.011, 0.013, false, null)]);
        var snapshots = store.GetSnapshots();
        var fits = ReportInputs.ResolveFits(store, snapshots, Options, recipe: null);
        var data = new ReportData(snapshots, fits.Rows, store.GetVerdicts(ids));
        var compared = new ComparedFits(data);
        var sections = new RecipeSections(fits, new FitOptions(), new ReportTemplates(null), compared);

        var pages = snapshots.Select(s => SnapshotPageModel.Build(s, data, sections.For(data.RowsOf(s.Id)), compared).Recipes.Single()).ToList();

        Assert.Null(pages[0].Baseline);
        Assert.Null(pages[0].Rest);
        Assert.Same(pages[1].Section, pages[2].Section);
        Assert.Equal(["c1", "c2"], pages.Skip(1).Select(p => p.Baseline!.Commit));
        Assert.Equal(["+0.001 [-0.01, 0.012]", "+0.001 [-0.011, 0.013]"], pages.Skip(1).Select(p => p.Change));
        Assert.EndsWith("<span class=\"name\">", pages[1].Html.Markup);
        Assert.StartsWith("</span>; the same runs as this build, so the same fit, drawn once", pages[1].Rest!.Markup);
    }

    [Fact]
    public void The_report_fits_are_the_history_rows_resolved_once_per_distinct_input()
    {
        using var folder = new TempFolder();
        using var store = LiteDbLedgerStore.Open(folder.File("ledger.db"));
        store.Append(new SnapshotDraft("c1", "main", DateTimeOffset.UnixEpoch), [Run("grpo", 1), Run("ppo", 2)]);
        store.Append(new SnapshotDraft("c2", "main", DateTimeOffset.UnixEpoch.AddDays(1)), [Run("grpo", 1), Run("ppo", 2), Run("ppo", 3)]);
        store.Append(new SnapshotDraft("c3", "main", DateTimeOffset.UnixEpoch.AddDays(2)), [Run("grpo", 1), Run("ppo", 3), Run("ppo", 2)]);
        FitUseCase.ForSnapshot(store, store.GetSnapshots()[0], Options);

        var history = HistoryUseCase.Run(new HistoryRequest(null, null, null, Options), store).Rows;
        var report = ReportInputs.ResolveFits(store, store.GetSnapshots(), Options, recipe: null).Rows;

        Assert.Equal(history.Select(Comparable), report.Select(Comparable));
        // grpo is the same run throughout: the fit recorded on c1 serves c2 and c3. ppo's two runs, appended in either order, are one input, fitted now.
        Assert.Equal([true, true, true, false, true, false], report.Select(r => r.FromLedger));
    }

    private static string Comparable(HistoryRow row) =>
        $"{row.SnapshotId} {row.Recipe} {row.Runs} {row.Points} {row.FromLedger} {FitPayload.Write(row.Fit, Options, [])}";

    private static RunLog Run(string recipe, int seed)
    {
        var random = new Random(seed);
        var points = Enumerable.Range(0, 20)
            .Select(i => 300 * Math.Pow(1.3, i))
            .Select(c => new CurvePoint(c, 0.05 + 0.75 / (1 + Math.Pow(5000 / c, 1.5)) + 0.005 * (random.NextDouble() - 0.5)))
            .ToArray();
        return new RunLog(recipe, $"seed{seed}", $"runs/{recipe}/seed{seed}.csv", "csv", ComputeMapping.FromColumn("compute"), "reward", points, []);
    }
}
