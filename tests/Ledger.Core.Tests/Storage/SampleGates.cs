using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Reporting;
using Ledger.Core.Storage;

namespace Ledger.Core.Tests.Storage;

/// <summary>Gate records for storage tests: real ledger.gate/1 documents, as `ledger gate` keeps them.</summary>
internal static class SampleGates
{
    /// <summary>The kept document of a gate on <paramref name="commit"/> that found <paramref name="recipe"/> <paramref name="verdict"/>.</summary>
    public static GateSummary Document(long snapshotId, string commit, string recipe = "a", VerdictKind verdict = VerdictKind.Pass) =>
        GateSummary.OfDocument(snapshotId, GateJson.Write(Report(commit, recipe, verdict), indented: false));

    public static GateReport Report(string commit, string recipe = "a", VerdictKind verdict = VerdictKind.Pass) =>
        new(commit, "main", "main@c0", new GateOptions(),
        [
            new RecipeVerdict(recipe, verdict, 0.7, new Interval(0.69, 0.71), 0.7, 0.0, new Interval(-0.01, 0.01), 0.5, false, "fine", null, false),
        ], new Dictionary<string, IReadOnlyList<string>> { [recipe] = [$"runs/{recipe}/seed1.csv"] });

}
