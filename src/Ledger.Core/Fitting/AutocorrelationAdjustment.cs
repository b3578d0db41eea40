namespace Ledger.Core.Fitting;

/// <summary>
/// How much autocorrelated noise within a run inflates each parameter's variance over what s^2 (J'J)^-1 assumes.
/// RL evaluations drift together (one checkpoint's luck carries into the next), so 300 points of a run carry far less
/// information than 300 independent ones. The inflation is the ratio of a Newey-West (Bartlett kernel) long-run
/// variance of the points' influence, summed within runs and never across them, to the same sum without lags; the
/// bandwidth follows Andrews' AR(1) plug-in from the residuals' lag-1 autocorrelation. Residuals that are not
/// positively autocorrelated give a bandwidth of 0 and no inflation, so independent data keep the textbook standard
/// errors (NIST's certified values among them).
/// </summary>
internal static class AutocorrelationAdjustment
{
    /// <summary>The inflation of each natural parameter's variance (at least 1) and the bandwidth in points.</summary>
    public sealed record Result(double[] Inflation, int Bandwidth, double Autocorrelation);

    public static Result Of(PointInfluence influence, FitData data, in ReducedProblem problem, in SolverResult fit)
    {
        var rho = LagOneAutocorrelation(data, problem, fit);
        var bandwidth = Bandwidth(rho, data.Count / Math.Max(1, data.RunNames.Count));
        var inflation = new double[influence.ByParameter.Length];
        for (var j = 0; j < inflation.Length; j++)
        {
            inflation[j] = bandwidth == 0 ? 1.0 : Ratio(influence.ByParameter[j], influence.RunIndex, bandwidth);
        }
        return new Result(inflation, bandwidth, rho);
    }

    private static double Ratio(double[] psi, int[] runIndex, int bandwidth)
    {
        double plain = 0, lagged = 0;
        for (var i = 0; i < psi.Length; i++)
        {
            plain += psi[i] * psi[i];
            for (var lag = 1; lag <= bandwidth && i + lag < psi.Length && runIndex[i + lag] == runIndex[i]; lag++)
            {
                lagged += (1 - lag / (bandwidth + 1.0)) * psi[i] * psi[i + lag];
            }
        }
        return plain > 0 ? Math.Max(1.0, (plain + 2 * lagged) / plain) : 1.0;
    }

    /// <summary>The residuals' lag-1 autocorrelation, pooled over runs (pairs of neighbours within one run only).</summary>
    private static double LagOneAutocorrelation(FitData data, in ReducedProblem problem, in SolverResult fit)
    {
        double lagged = 0, squares = 0, previous = 0;
        for (var i = 0; i < data.Count; i++)
        {
            var residual = CurveEvaluation.Residual(problem, fit, data, i);
            squares += residual * residual;
            if (i > 0 && data.RunIndex[i] == data.RunIndex[i - 1])
                lagged += residual * previous;
            previous = residual;
        }
        return squares > 0 ? lagged / squares : 0;
    }

    /// <summary>
    /// Andrews (1991) for the Bartlett kernel under AR(1): 1.1447 (alpha n)^(1/3), alpha = 4 rho^2 / ((1 - rho)^2 (1 + rho)^2),
    /// rounded down, at most a quarter of a run; 0 when rho is not positive.
    /// </summary>
    private static int Bandwidth(double rho, int pointsPerRun)
    {
        if (!(rho > 0) || pointsPerRun < 4)
            return 0;
        rho = Math.Min(rho, 0.97);
        var alpha = 4 * rho * rho / ((1 - rho) * (1 - rho) * (1 + rho) * (1 + rho));
        var bandwidth = (int)Math.Floor(1.1447 * Math.Cbrt(alpha * pointsPerRun));
        return Math.Clamp(bandwidth, 0, pointsPerRun / 4);
    }
}
