using Ledger.Core.Ingest;

namespace Ledger.Core.Pipeline;

/// <summary>Reads every log the paths name, then fits each recipe. A bad log stops the whole call (exit 2).</summary>
public static class CurveUseCase
{
    public static CurveResult Run(CurveRequest request, IProgress<(int Done, int Total)>? progress = null)
    {
        var files = RunLogSources.Expand(request.Paths, request.BaseDirectory);
        var runs = RunLogBatch.Read(files, request.Read);
        var warnings = runs.SelectMany(run => run.Warnings.Select(w => $"{run.SourcePath}: warning: {w}")).Distinct().ToList();
        var prior = request.SeedSd is { } sd ? Gating.SeedVariancePrior.Stated(sd) : null;
        return new CurveResult(RecipeFits.Fit(runs, request.Fit, progress), warnings, prior);
    }
}
