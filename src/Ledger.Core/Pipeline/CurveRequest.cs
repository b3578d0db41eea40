using Ledger.Core.Fitting;
using Ledger.Core.Ingest;

namespace Ledger.Core.Pipeline;

/// <summary>`ledger curve`: fit logs without a ledger. Paths may be files, folders or globs, relative to BaseDirectory.</summary>
public sealed record CurveRequest(IReadOnlyList<string> Paths, string BaseDirectory, ReadOptions Read, FitOptions Fit)
{
    /// <summary>The seed-to-seed SD of A the user states (--seed-sd): then even one seed gets a seed-level interval.</summary>
    public double? SeedSd { get; init; }
}

/// <summary>One recipe's fit and the logs it came from.</summary>
public sealed record RecipeCurve(CurveFit Fit, IReadOnlyList<RunLog> Runs);

/// <summary>The fits of every recipe found, in ordinal order of recipe name, and the warnings the reads raised.</summary>
/// <param name="Window">The compute range the fits used (FitOptions.Window), or null when they used every point.</param>
/// <param name="Prior">The stated seed-variance prior the intervals on A use, or null.</param>
public sealed record CurveResult(IReadOnlyList<RecipeCurve> Recipes, IReadOnlyList<string> Warnings, ComputeWindow? Window = null,
    Gating.SeedVariancePrior? Prior = null);
