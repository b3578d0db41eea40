using Ledger.Core.Changes;
using Ledger.Core.Diagnostics;
using Ledger.Core.Gating;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting;
using Ledger.Core.Storage.LiteDb;
using Ledger.Core.Tests.Support;

namespace Ledger.Core.Tests.Changes;

/// <summary>
/// Drift in the gate, on a real ledger that 16 main builds were checked into one after another (fits and verdicts
/// recorded as `ledger check` leaves them): recipe slide loses 0.008 of A a build over builds 4-11 (0.064 in all, no build
/// losing more than 0.008 against its baseline), steady never moves, and cliff drops 0.06 at build 6, which the gate fails.
/// </summary>
public sealed class GateDriftTests : IDisposable
{
    private const int Builds = 16;
    private readonly TempFolder _folder = new();
    private readonly LiteDbLedgerStore _store;
    private readonly SimulatedLedger _ledger;
    private readonly List<GateOutcome> _gates = [];

    public GateDriftTests()
    {
        _store = LiteDbLedgerStore.Open(_folder.File("ledger.db"));
        _ledger = new SimulatedLedger(_store, seed: 3);
        for (var i = 0; i < Builds; i++)
            _gates.Add(_ledger.Check(i, Truths(i)));
    }

    [Fact]
    public void A_slow_fall_no_build_failed_is_drifted_naming_the_build_where_it_began_and_warns()
    {
        var last = _gates[^1];

        var slide = last.Report.Verdicts.Single(v => v.Recipe == "slide");
        Assert.Equal(VerdictKind.Drifted, slide.Verdict);
        Assert.InRange(HistorySimulation.Position(slide.Drift!.Began!.Commit), 3, 6);
        Assert.Equal($"main@{HistorySimulation.Commit(0)[..7]}", last.Report.DriftReference);
        Assert.InRange(slide.Drift.Test.Delta, -0.08, -0.05);
        Assert.Equal(VerdictKind.Pass, last.Report.Verdicts.Single(v => v.Recipe == "steady").Verdict);
        Assert.DoesNotContain(_gates, g => g.Report.Verdicts.Single(v => v.Recipe == "steady").Verdict == VerdictKind.Drifted);
        // No single build fell past the tolerance: the gate never failed slide on its own.
        Assert.DoesNotContain(_gates, g => g.Report.Verdicts.Single(v => v.Recipe == "slide").Verdict == VerdictKind.Regressed);
        Assert.False(last.Failed);
        var warning = Assert.Single(GateDiagnostic.Of(last.Report), d => d.Code == ErrorCodes.Drifted);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.StartsWith("recipe 'slide' drifted: A moved -0.0", warning.Message);
        Assert.Equal(VerdictKind.Drifted.Name(), _store.GetVerdicts(last.Current.Id).Single(v => v.Recipe == "slide").Verdict);
    }

    [Fact]
    public void With_fail_on_drift_a_drifted_recipe_fails_the_build_as_an_error()
    {
        var outcome = _ledger.Gate(Builds - 1, gate: new GateOptions { FailOnDrift = true });

        Assert.True(outcome.Failed);
        Assert.Equal(DiagnosticSeverity.Error, GateDiagnostic.Of(outcome.Report).Single(d => d.Code == ErrorCodes.Drifted).Severity);
    }

    [Fact]
    public void A_fall_the_gate_failed_at_its_own_build_is_not_drift_but_is_mentioned()
    {
        Assert.Equal(VerdictKind.Regressed, _gates[6].Report.Verdicts.Single(v => v.Recipe == "cliff").Verdict);

        var last = _gates[^1].Report;

        Assert.Equal(VerdictKind.Pass, last.Verdicts.Single(v => v.Recipe == "cliff").Verdict);
        var cliff = Assert.Single(last.Changes, c => c.Recipe == "cliff");
        Assert.Equal(6, HistorySimulation.Position(cliff.Commit));
        Assert.Contains($"recipe 'cliff' stepped -0.0", GateMarkdown.Write(last));
        Assert.Contains($"at {HistorySimulation.Commit(6)[..7]}", GateMarkdown.Write(last));
        Assert.Contains("::notice file=cliff/seed0.csv,title=ledger changes::recipe 'cliff' stepped", GateAnnotations.Write(last));
    }

    [Fact]
    public void A_reference_after_the_fall_sees_no_drift()
    {
        var outcome = _ledger.Gate(Builds - 1, reference: HistorySimulation.Commit(12)[..10]);

        Assert.Equal(VerdictKind.Pass, outcome.Report.Verdicts.Single(v => v.Recipe == "slide").Verdict);
        Assert.Equal($"main@{HistorySimulation.Commit(12)[..7]}", outcome.Report.DriftReference);
        var unknown = Assert.Throws<LedgerInputException>(() => _ledger.Gate(Builds - 1, reference: "abcdef1"));
        Assert.Equal(ErrorCodes.UnknownBaseline, unknown.Code);
        Assert.Contains("--reference", unknown.Message);
    }

    [Fact]
    public void An_acknowledged_drift_is_no_longer_drifted_nor_mentioned()
    {
        var began = _gates[^1].Report.Verdicts.Single(v => v.Recipe == "slide").Drift!.Began!;
        var allowList = new AllowList([], [new Acknowledgement("slide", began.Commit[..7], "the cheaper verifier costs A, agreed in #141")]);

        var outcome = _ledger.Gate(Builds - 1, allowList: allowList);

        Assert.Equal(VerdictKind.Pass, outcome.Report.Verdicts.Single(v => v.Recipe == "slide").Verdict);
        Assert.DoesNotContain(outcome.Report.Changes, c => c.Recipe == "slide");
    }

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    private static Dictionary<string, double> Truths(int build) => new()
    {
        ["slide"] = build < 4 ? 0.80 : build < 12 ? 0.80 - 0.008 * (build - 3) : 0.736,
        ["steady"] = 0.78,
        ["cliff"] = build < 6 ? 0.82 : 0.76,
    };
}
