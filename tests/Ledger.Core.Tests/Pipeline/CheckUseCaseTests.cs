using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Core.Tests.Pipeline;

/// <summary>`ledger check` decides exactly what append, fit and gate run one after another decide, on a ledger left byte for byte alike.</summary>
public sealed class CheckUseCaseTests
{
    private static readonly FitOptions Options = new() { BootstrapResamples = 100 };
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public void Check_equals_append_then_fit_then_gate()
    {
        using var folder = new TempFolder();
        WriteLogs(folder.File("c1"), 0.8, 1);
        WriteLogs(folder.File("f1"), 0.7, 2);
        var together = folder.File("together.db");
        var apart = folder.File("apart.db");

        var reports = new List<string>();
        foreach (var (commit, branch) in new[] { ("c1", "main"), ("f1", "feature") })
        {
            var append = new AppendRequest([commit], folder.Path, new ReadOptions(), commit, branch, DateTimeOffset.UnixEpoch, _ => null);
            var check = CheckUseCase.Run(new CheckRequest(append, null, Options, new GateOptions(), AllowList.Empty, Today), () => LiteDbLedgerStore.Open(together));

            AppendUseCase.Run(append, () => LiteDbLedgerStore.Open(apart));
            using var store = LiteDbLedgerStore.Open(apart);
            FitUseCase.Run(new FitRequest(commit, branch, folder.Path, _ => null, Options), store);
            var gate = GateUseCase.Run(new GateRequest(commit, branch, folder.Path, _ => null, null, Options, new GateOptions(), AllowList.Empty, Today), store);

            Assert.Equal(GateJson.Write(gate.Report), GateJson.Write(check.Gate.Report));
            reports.Add(GateText.Summary(check.Gate.Report));
        }

        Assert.Equal(["passed: 2 new", "FAILED: 1 pass, 1 regressed"], reports);
        Assert.Equal(LedgerDump.Of(apart), LedgerDump.Of(together));
    }

    [Fact]
    public void With_a_report_folder_check_renders_the_report_of_the_ledger_it_just_gated()
    {
        using var folder = new TempFolder();
        WriteLogs(folder.File("c1"), 0.8, 1);
        var append = new AppendRequest(["c1"], folder.Path, new ReadOptions(), "c1", "main", DateTimeOffset.UnixEpoch, _ => null);
        var reportFolder = folder.File("report");

        var check = CheckUseCase.Run(new CheckRequest(append, null, Options, new GateOptions(), AllowList.Empty, Today, reportFolder),
            () => LiteDbLedgerStore.Open(folder.File("ledger.db")));

        Assert.NotNull(check.Report);
        Assert.Equal(1, check.Report.Snapshots);
        Assert.Equal(2, check.Report.Recipes);
        Assert.True(File.Exists(Path.Combine(reportFolder, "index.html")));
        Assert.Contains("grpo", File.ReadAllText(Path.Combine(reportFolder, "index.html")));
        // The summary is the gate's own Markdown, word for word.
        Assert.Equal(GateMarkdown.Write(check.Gate.Report), File.ReadAllText(Path.Combine(reportFolder, "summary.md")));
        Assert.Null(CheckUseCase.Run(new CheckRequest(append, null, Options, new GateOptions(), AllowList.Empty, Today),
            () => LiteDbLedgerStore.Open(folder.File("ledger.db"))).Report);
    }

    /// <summary>Recipes grpo (ceiling <paramref name="grpoA"/>) and ppo (0.7), three seeds each, as CSV files under <paramref name="folder"/>.</summary>
    internal static void WriteLogs(string folder, double grpoA, int seed)
    {
        foreach (var (recipe, a) in new[] { ("grpo", grpoA), ("ppo", 0.7) })
        {
            for (var s = 0; s < 3; s++)
            {
                var run = SnapshotFitsTests.Run(recipe, seed * 10 + s, a);
                Directory.CreateDirectory(Path.Combine(folder, recipe));
                File.WriteAllLines(Path.Combine(folder, recipe, $"seed{s}.csv"),
                    ["compute,reward", .. run.Points.Select(p => FormattableString.Invariant($"{p.Compute:R},{p.Reward:R}"))]);
            }
        }
    }
}
