using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;
using Ledger.Core.Tests.Support;

namespace Ledger.Core.Tests.Pipeline;

/// <summary>`ledger check` run again with nothing changed: the same output, byte for byte, without reading a log or loading a point.</summary>
public sealed class CheckRerunTests
{
    private static readonly FitOptions Options = new() { BootstrapResamples = 100 };
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public void A_rerun_decides_exactly_what_the_first_run_did_without_loading_a_point_and_records_nothing()
    {
        using var folder = new TempFolder();
        var ledger = folder.File("ledger.db");
        WriteLogs(folder.File("c0"), grpoA: 0.8, ppoLift: 0, seed: 1);
        // grpo drops; ppo's new points sit well above the baseline's curve: a regime change the gate must flag.
        WriteLogs(folder.File("c1"), grpoA: 0.7, ppoLift: 0.08, seed: 2);
        Check(folder, ledger, "c0", AllowList.Empty, Today);

        var (first, firstLoads) = Check(folder, ledger, "c1", AllowList.Empty, Today);
        var dump = LedgerDump.Of(ledger);
        var (again, againLoads) = Check(folder, ledger, "c1", AllowList.Empty, Today);

        Assert.Contains(first.Gate.Report.Verdicts, v => v.RegimeChange);
        Assert.Contains(first.Gate.Report.Verdicts, v => v.Verdict == VerdictKind.Regressed);
        Assert.Equal(GateJson.Write(first.Gate.Report), GateJson.Write(again.Gate.Report));
        Assert.Equal(GateText.Write(first.Gate.Report), GateText.Write(again.Gate.Report));
        Assert.Equal(GateMarkdown.Write(first.Gate.Report), GateMarkdown.Write(again.Gate.Report));
        // The first run fits the runs its append has just stored as it holds them, and its gate judges their points against
        // the baseline's recorded fit: it loads no point from the ledger either.
        Assert.Equal(0, firstLoads);
        Assert.Equal(0, againLoads);
        Assert.Equal((0, 6), (again.Append.FilesRead, again.Append.FilesReused));
        Assert.Equal((0, 2), (again.Fit.Refitted, again.Fit.Reused));
        Assert.Equal(dump, LedgerDump.Of(ledger));
    }

    [Fact]
    public void A_rerun_decides_verdicts_afresh_so_an_allowance_that_expired_since_no_longer_allows()
    {
        using var folder = new TempFolder();
        var ledger = folder.File("ledger.db");
        WriteLogs(folder.File("c0"), grpoA: 0.8, ppoLift: 0, seed: 1);
        WriteLogs(folder.File("c1"), grpoA: 0.7, ppoLift: 0, seed: 2);
        var allow = new AllowList([new AllowEntry("grpo", "new verifier", Today, null)]);
        Check(folder, ledger, "c0", allow, Today);

        var (allowed, _) = Check(folder, ledger, "c1", allow, Today);
        var (expired, loads) = Check(folder, ledger, "c1", allow, Today.AddDays(1));

        Assert.Equal(VerdictKind.Allowed, allowed.Gate.Report.Verdicts.Single(v => v.Recipe == "grpo").Verdict);
        Assert.Equal(VerdictKind.Regressed, expired.Gate.Report.Verdicts.Single(v => v.Recipe == "grpo").Verdict);
        Assert.Equal(0, loads);
    }

    [Fact]
    public void When_the_baseline_gains_runs_a_rerun_judges_the_regime_change_against_its_new_fit()
    {
        using var folder = new TempFolder();
        WriteLogs(folder.File("c0"), grpoA: 0.8, ppoLift: 0, seed: 1);
        WriteLogs(folder.File("c1"), grpoA: 0.7, ppoLift: 0.08, seed: 2);
        var rerun = folder.File("rerun.db");
        var fresh = folder.File("fresh.db");
        Check(folder, rerun, "c0", AllowList.Empty, Today);
        var (first, _) = Check(folder, rerun, "c1", AllowList.Empty, Today);
        // The baseline commit gains logs (a CI rerun of it brought three late seeds): its fits change.
        WriteLogs(folder.File("c0"), grpoA: 0.8, ppoLift: 0.08, seed: 3);
        Check(folder, rerun, "c0", AllowList.Empty, Today);
        Check(folder, fresh, "c0", AllowList.Empty, Today);

        var (again, loads) = Check(folder, rerun, "c1", AllowList.Empty, Today);
        var (reference, _) = Check(folder, fresh, "c1", AllowList.Empty, Today);

        Assert.True(loads > 0);
        Assert.Equal(GateJson.Write(reference.Gate.Report), GateJson.Write(again.Gate.Report));
        // The flag the first gate recorded would now be wrong: reusing it would have failed the comparison above.
        Assert.NotEqual(first.Gate.Report.Verdicts.Select(v => v.RegimeChange), again.Gate.Report.Verdicts.Select(v => v.RegimeChange));
    }

    [Fact]
    public void New_commits_whose_logs_did_not_change_reuse_fits_and_gate_facts_of_the_builds_before_without_loading_a_point()
    {
        using var folder = new TempFolder();
        var ledger = folder.File("ledger.db");
        WriteLogs(folder.File("c0"), grpoA: 0.8, ppoLift: 0, seed: 1);
        WriteLogs(folder.File("c1"), grpoA: 0.7, ppoLift: 0.08, seed: 2);
        Check(folder, ledger, "c0", AllowList.Empty, Today);
        var (c1, _) = Check(folder, ledger, "c1", AllowList.Empty, Today);

        // c2 has c1's logs: its fits are c1's, found without points; its regime change, now against c1's fit, is judged from the points.
        var (c2, c2Loads) = Check(folder, ledger, "c2", AllowList.Empty, Today, logs: "c1");
        // c3 again: its baseline c2 has a fit of the same identity and recorded the facts of these runs against it.
        var (c3, c3Loads) = Check(folder, ledger, "c3", AllowList.Empty, Today, logs: "c1");

        Assert.Equal((0, 2), (c2.Fit.Refitted, c2.Fit.Reused));
        Assert.True(c2Loads > 0);
        Assert.Equal((0, 2, 0), (c3.Fit.Refitted, c3.Fit.Reused, c3Loads));
        // c1's flag (its ppo points left c0's band) must not be carried over: c2 and c3 compare c1's runs with c1's own fit.
        Assert.Contains(c1.Gate.Report.Verdicts, v => v.RegimeChange);
        Assert.Equal(Decisions(c2), Decisions(c3));
        Assert.DoesNotContain(c3.Gate.Report.Verdicts, v => v.RegimeChange);
        Assert.Equal(c1.Fit.Fits.Select(f => f.Record.PayloadJson), c3.Fit.Fits.Select(f => f.Record.PayloadJson));

        static IEnumerable<string> Decisions(CheckOutcome outcome) =>
            outcome.Gate.Report.Verdicts.Select(v => $"{v.Recipe} {v.Verdict} {v.DeltaA:R} {v.RegimeChange} {v.PValue:R}");
    }

    /// <param name="logs">The folder of logs to append; the commit's own name by default.</param>
    private static (CheckOutcome Outcome, int RunsLoaded) Check(TempFolder folder, string ledger, string commit, AllowList allow, DateOnly today,
        string? logs = null)
    {
        var stores = new List<ReadCountingStore>();
        ReadCountingStore Open(ILedgerStore store)
        {
            var counting = new ReadCountingStore(store);
            stores.Add(counting);
            return counting;
        }
        var append = new AppendRequest([logs ?? commit], folder.Path, new ReadOptions(), commit, "main", DateTimeOffset.UnixEpoch, _ => null);
        var outcome = CheckUseCase.Run(new CheckRequest(append, null, Options, new GateOptions(), allow, today),
            () => Open(LiteDbLedgerStore.Open(ledger)), openExistingStore: () => LiteDbLedgerStore.OpenIfExists(ledger) is { } store ? Open(store) : null);
        return (outcome, stores.Sum(s => s.RunsLoaded));
    }

    /// <summary>Recipes grpo (ceiling <paramref name="grpoA"/>) and ppo (0.7, lifted by <paramref name="ppoLift"/>), three seeds each.</summary>
    private static void WriteLogs(string folder, double grpoA, double ppoLift, int seed)
    {
        foreach (var (recipe, a, lift) in new[] { ("grpo", grpoA, 0.0), ("ppo", 0.7, ppoLift) })
        {
            for (var s = 0; s < 3; s++)
            {
                var run = SnapshotFitsTests.Run(recipe, seed * 10 + s, a);
                Directory.CreateDirectory(Path.Combine(folder, recipe));
                File.WriteAllLines(Path.Combine(folder, recipe, $"seed{seed * 10 + s}.csv"),
                    ["compute,reward", .. run.Points.Select(p => FormattableString.Invariant($"{p.Compute:R},{p.Reward + lift:R}"))]);
            }
        }
    }
}
