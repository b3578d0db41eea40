using Ledger.Core.Changes;
using Ledger.Core.Diagnostics;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting;
using Ledger.Core.Reporting.Html;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;
using Ledger.Core.Tests.Storage;

namespace Ledger.Core.Tests.Reporting;

/// <summary>
/// The ledger keeps each gate as its ledger.gate/1 document, and summary.md is rendered from it when asked: every value
/// the gate printed must come back from the document, and an older Ledger's kept Markdown must still be written as kept.
/// </summary>
public sealed class KeptGateTests
{
    private static string Commit(int i) => $"{i}abcdef".PadRight(40, '0');

    private static readonly DetectedChange Step = new("grpo", ChangeKind.Step, Commit(3), Commit(4), [Commit(4)],
        new SeedLevelEstimate(0.75, 0.004, 4, UncertaintyBasis.Seeds, 3), new SeedLevelEstimate(0.69, 0.004, 4, UncertaintyBasis.Seeds, 3),
        new ChangeTest(-0.06, 0.06, 0.005, 4, 1e-4, 1, true, false), 3e-4, 2, 3);

    // Nothing says how far another seed would land: the interval is open on both sides, which JSON writes as nulls.
    private static readonly DetectedChange OpenDrift = new("wide", ChangeKind.Drift, Commit(5), Commit(6), [Commit(6), Commit(7), Commit(8)],
        new SeedLevelEstimate(0.7, 0.01, 1, UncertaintyBasis.WithinRun, 1), new SeedLevelEstimate(0.67, 0.01, 1, UncertaintyBasis.WithinRun, 1),
        new ChangeTest(-0.03, 0.03, double.PositiveInfinity, 4, double.NaN, double.NaN, false, true), 1, 4, 7);

    private static GateReport Report() => new("3f2a1c9e0b1d", "feature/x", "main@1a2b3c4", new GateOptions(),
    [
        new RecipeVerdict("wide", VerdictKind.Pass, 0.7, new Interval(0.6, 0.8), 0.69, 0.01,
            new Interval(double.NegativeInfinity, double.PositiveInfinity), double.NaN, false, "one seed: nothing says how far another would land", null, false)
        {
            Underpowered = true,
        },
        new RecipeVerdict("grpo", VerdictKind.Regressed, 0.612, new Interval(0.598, 0.626), 0.655, -0.043,
            new Interval(-0.06, -0.026), 1e-6, false, "a significant drop", null, false),
        new RecipeVerdict("blind", VerdictKind.Unidentified, null, Interval.None, null, null, Interval.None, null, true, "before the bend", null, false),
        new RecipeVerdict("odd", VerdictKind.Pass, 0.5, new Interval(0.49, 0.51), 0.5, 0.0, Interval.None, null, false, "", null, false),
        new RecipeVerdict("fresh", VerdictKind.New, 0.6, new Interval(0.59, 0.61), null, null, Interval.None, null, true, "", null, false),
    ], new Dictionary<string, IReadOnlyList<string>>())
    {
        DriftReference = "main@b0bd943",
        Changes = [Step, OpenDrift],
    };

    [Fact]
    public void The_Markdown_read_back_from_a_kept_gate_shows_every_row_as_the_gate_decided_it()
    {
        var lines = GateMarkdown.Of(GateSummary.OfDocument(1, GateJson.Write(Report(), indented: false))).Split('\n');

        string[] expected =
        [
            "### Ledger gate: ❌ failed",
            "",
            "`feature/x@3f2a1c9e0b1d` against `main@1a2b3c4`, tolerance 0.02. FAILED: 2 pass, 1 regressed, 1 new, 1 unidentified",
            "",
            "| recipe | verdict | A | baseline A | change [95 %] | note |",
            "|---|---|---:|---:|---:|---|",
            "| grpo | regressed | 0.612 | 0.655 | -0.043 [-0.06, -0.026] | a significant drop |",
            "| blind | unidentified |  |  |  | before the bend |",
            "| fresh | new | 0.6 |  |  | regime change |",
            "| odd | pass | 0.5 | 0.5 | +0 n/a |  |",
            "| wide | pass | 0.7 | 0.69 | +0.01 [-inf, +inf] | one seed: nothing says how far another would land |",
            "",
            "**Changes of A since `main@b0bd943`** (`ledger changes` lists them; acknowledge an accepted one in ledger.allow.json):",
            "",
        ];
        Assert.Equal(expected, lines[..expected.Length]);
    }

    [Fact]
    public void Changes_read_back_from_a_kept_gate_say_what_the_changes_the_gate_found_said()
    {
        var lines = GateMarkdown.Write(RecordedGate.Read(GateJson.Write(Report(), indented: false))).Split('\n');

        // Each sentence as the live change words it, from its test (not from any document).
        Assert.Equal(
            [$"- {GateMarkdown.Escape(GateMessages.Change(Step, 0.95))}", $"- {GateMarkdown.Escape(GateMessages.Change(OpenDrift, 0.95))}", ""],
            lines[^3..]);
        Assert.Contains("drifted -0.03 [-inf, +inf] over 3 commits from 6abcdef to 8abcdef", GateMessages.Change(OpenDrift, 0.95));
        Assert.Contains("stepped -0.06 [-0.07388, -0.04612] at 4abcdef (A 0.75 to 0.69, after 3abcdef)", GateMessages.Change(Step, 0.95));
    }

    [Theory]
    [InlineData("""{"schema":"ledger.gate/1","commit":"c1""", "end of data")]
    [InlineData("""{"schema":"ledger.changes/1"}""", "its schema is 'ledger.changes/1', not ledger.gate/1")]
    [InlineData("""{"schema":"ledger.gate/1","commit":"c1","branch":"main","baseline":null,"failed":false,"tolerance":0.02,"lower_is_better":false,"reference":null,"changes":[]}""",
        "no field 'recipes'")]
    public void A_document_that_is_not_a_whole_gate_is_refused_saying_what_is_wrong(string document, string said)
    {
        var refused = Assert.Throws<InvalidDataException>(() => RecordedGate.Read(document));

        Assert.Contains(said, refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_verdict_the_gate_never_gives_is_refused()
    {
        var document = GateJson.Write(SampleGates.Report("c1"), indented: false).Replace("\"verdict\":\"pass\"", "\"verdict\":\"fine\"", StringComparison.Ordinal);

        Assert.Contains("'fine' is not a verdict", Assert.Throws<InvalidDataException>(() => RecordedGate.Read(document)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_of_a_ledger_whose_gate_kept_its_Markdown_writes_that_Markdown_as_it_was_kept()
    {
        using var folder = new TempFolder();
        const string kept = "### Ledger gate: ✅ passed\n\nkept by an older Ledger | word for word\n";
        using (var store = LiteDbLedgerStore.Open(folder.File("ledger.db")))
        {
            var id = store.Append(SampleRuns.Draft("c1"), [SampleRuns.Run("a")]).Snapshot.Id;
            store.RecordVerdicts([new StoredVerdict(id, "a", "new", null, null, null, null, false, null)], GateSummary.OfMarkdown(id, kept));
        }

        Assert.Equal(kept, File.ReadAllText(Path.Combine(Report(folder), "summary.md")));
    }

    [Fact]
    public void A_kept_gate_document_that_cannot_be_read_is_damage_to_verify_and_LEDGER402_to_the_report_which_writes_nothing()
    {
        using var folder = new TempFolder();
        long id;
        using (var store = LiteDbLedgerStore.Open(folder.File("ledger.db")))
        {
            id = store.Append(SampleRuns.Draft("c1"), [SampleRuns.Run("a")]).Snapshot.Id;
            store.RecordVerdicts([], GateSummary.OfDocument(id, """{"schema":"ledger.gate/1","commit":"c1"""));
            var damage = Assert.Single(store.FindDamage());
            Assert.Contains("its gate document cannot be read", damage.Problem, StringComparison.Ordinal);
        }

        var refused = Assert.Throws<LedgerUnavailableException>(() => Report(folder));
        Assert.Equal(ErrorCodes.LedgerDamaged, refused.Code);
        Assert.Contains($"the gate record of snapshot {id} cannot be read", refused.Problem, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.File("report")));
    }

    [Fact]
    public void Each_forest_plot_shades_the_tolerance_and_side_its_own_gate_tested_with_and_a_gate_kept_as_Markdown_the_report_s()
    {
        using var folder = new TempFolder();
        long strict, kept;
        using (var store = LiteDbLedgerStore.Open(folder.File("ledger.db")))
        {
            var verdicts = (long id) => new List<StoredVerdict> { new(id, "a", "pass", null, 0.001, -0.01, 0.012, false, null) };
            strict = store.Append(SampleRuns.Draft("c1"), [SampleRuns.Run("a")]).Snapshot.Id;
            var gate = SampleGates.Report("c1") with { Options = new GateOptions { Tolerance = 0.005, LowerIsBetter = true } };
            store.RecordVerdicts(verdicts(strict), GateSummary.OfDocument(strict, GateJson.Write(gate, indented: false)));
            kept = store.Append(SampleRuns.Draft("c2"), [SampleRuns.Run("a")]).Snapshot.Id;
            store.RecordVerdicts(verdicts(kept), GateSummary.OfMarkdown(kept, "### Ledger gate: ✅ passed\n"));
        }

        var report = Report(folder);

        Assert.Contains("Shaded: a rise of more than the tolerance 0.005,", File.ReadAllText(Path.Combine(report, ReportFileNames.Snapshot(strict))), StringComparison.Ordinal);
        Assert.Contains("Shaded: a fall of more than the tolerance 0.02,", File.ReadAllText(Path.Combine(report, ReportFileNames.Snapshot(kept))), StringComparison.Ordinal);
    }

    private static string Report(TempFolder folder)
    {
        using var store = LiteDbLedgerStore.OpenExisting(folder.File("ledger.db"));
        return ReportUseCase.Run(new ReportRequest(folder.File("report"), null, null, null, null, new FitOptions { BootstrapResamples = 0 }), store).OutputDirectory;
    }
}
