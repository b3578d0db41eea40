using Ledger.Core.Ingest;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>
/// Reads every log the paths name, then fits each recipe. A bad log stops the whole call (exit 2). A run that several
/// files hold with the same points (the same content digest, as the ledger keys runs) is fitted once, as the ledger
/// stores it once: a run exported into three charts is one seed, not three.
/// </summary>
public static class CurveUseCase
{
    public static CurveResult Run(CurveRequest request, StepProgress? progress = null)
    {
        var files = RunLogSources.Expand(request.Paths, request.BaseDirectory);
        var runs = RunLogBatch.Read(files, request.Read, progress?.Invoke("read", "logs"));
        var warnings = runs.SelectMany(run => run.Warnings.Select(w => $"{run.SourcePath}: warning: {w}")).Distinct().ToList();
        var prior = request.SeedSd is { } sd ? Gating.SeedVariancePrior.Stated(sd) : null;
        return new CurveResult(RecipeFits.Fit(runs.DistinctBy(RunDigest.Compute), request.Fit, progress?.Invoke("fitted", "recipes")), warnings, request.Fit.Window, prior);
    }
}
