using Ledger.Core.Fitting;

namespace Ledger.Core.Gating;

/// <summary>
/// The standard error of A that the gate uses: the larger of the Jacobian's standard error and the bootstrap's.
/// With three or more seeds the bootstrap resamples whole runs, so this includes the run-to-run spread of A, which
/// is usually the larger part (seeds are the real replicates).
/// </summary>
public static class AsymptoteUncertainty
{
    public static double StandardError(CurveFit fit)
    {
        var asymptote = fit.IdentifiedAsymptote ?? throw new ArgumentException($"fit of {fit.Recipe} has no identified asymptote");
        var fromJacobian = double.IsFinite(asymptote.StandardError) ? asymptote.StandardError : 0;
        return double.IsFinite(fit.BootstrapStandardError) ? Math.Max(fromJacobian, fit.BootstrapStandardError) : fromJacobian;
    }
}
