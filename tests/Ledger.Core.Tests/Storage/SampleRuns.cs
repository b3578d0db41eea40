using Ledger.Core.Ingest;
using Ledger.Core.Storage;

namespace Ledger.Core.Tests.Storage;

/// <summary>Small run logs, fits and drafts for storage tests; each varies in one way only when asked to.</summary>
internal static class SampleRuns
{
    public static readonly DateTimeOffset Time = new(2026, 11, 23, 9, 30, 15, TimeSpan.FromHours(1));

    public static RunLog Run(string recipe = "grpo-b512", int seed = 1, string path = "runs/grpo-b512/seed1.csv", string runName = "seed1") =>
        new(recipe, runName, path, "csv", ComputeMapping.FromColumn("compute"), "reward", Points(seed), []);

    public static CurvePoint[] Points(int seed) =>
    [
        new(0, 0.05),
        new(500, 0.21 + seed * 1e-3, 10),
        new(1000, 0.34 + seed * 1e-3, 20),
        new(2000, 0.52 + seed * 1e-3, 40),
        new(4000, 0.66 + seed * 1e-3, 80),
    ];

    public static SnapshotDraft Draft(string commit = "c0ffee1", string branch = "main") => new(commit, branch, Time);

    public static StoredFit Fit(string recipe = "grpo-b512", string inputDigest = "input-1", string model = "sigmoid4") => new(
        recipe, model, "options-1", "fitter-1", inputDigest,
        [
            new("A", 0.8012345678901234, 0.0123, 0.78, 0.82),
            new("B", 1.5, double.NaN, 1.2, double.PositiveInfinity),
            new("C_mid", 5000.25, 312.5, double.NegativeInfinity, 5600),
        ],
        "ok", null, 0.9987, 0.0042, 0.000141, 8, """{"engine":"test","a":[1,2,3]}""");
}
