namespace Ledger.Core.Fitting;

/// <summary>
/// How much autocorrelated noise within a run inflates each parameter's variance over what s^2 (J'J)^-1 assumes.
/// RL evaluations drift together (one checkpoint's luck carries into the next), so 300 points of a run carry far less
/// information than 300 independent ones. The noise is taken as AR(1) along each run, with the lag-1 autocorrelation
/// of the residuals of the points averaged at each compute, corrected for the bias a fitted curve leaves in it and
/// clamped to [0, <see cref="MaximumRho"/>]. A curve of p parameters fitted to n points pulls the residuals' lag-1
/// autocorrelation down by about (1 + 3 rho + p (1 + rho)) / n (Marriott and Pope's (1 + 3 rho) / n for a mean, plus
/// the curve's own; measured on simulated AR(1) noise with rho 0.5: 9.2, 9.1, 8.4 and 8.2 / n at 20, 30, 60 and 120
/// points against 8.5 / n here), so rho = (r + (1 + p) / n) / (1 - (3 + p) / n). A parameter's variance is
/// then sum_ij a_i a_j rho^|i - j| over each run's points, against sum_i a_i^2, with a_i the weight its reward enters
/// the estimate with. Data of fewer than <see cref="MinimumComputes"/> distinct computes are not a series to read
/// autocorrelation from (dose-response data, NIST's certified problems): they get no inflation.
/// </summary>
internal static class AutocorrelationAdjustment
{
    public const int MinimumComputes = 12;
    public const double MaximumRho = 0.9;

    /// <summary>The noise's autocorrelation along the curve, bias-corrected and clamped; 0 for too short a series.</summary>
    public static double Rho(in ReducedProblem problem, in SolverResult fit, PointSet points)
    {
        var parameters = problem.LinearCount + problem.NonlinearCount;
        if (points.Count < Math.Max(MinimumComputes, 2 * (parameters + 3)))
            return 0;
        double lagged = 0, squares = 0, previous = 0;
        var curve = new CurveAtPoints(problem, fit, points.LogCompute, points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            var residual = Math.Sqrt(points.Weight[i]) * (points.Y[i] - curve.Value(i));
            squares += residual * residual;
            if (i > 0)
                lagged += residual * previous;
            previous = residual;
        }
        if (!(squares > 0))
            return 0;
        var n = (double)points.Count;
        var corrected = (lagged / squares + (1 + parameters) / n) / (1 - (3 + parameters) / n);
        return Math.Clamp(corrected, 0, MaximumRho);
    }

    /// <summary>Each natural parameter's variance inflation (at least 1) for AR(1) noise with <paramref name="rho"/> within runs.</summary>
    public static double[] Inflation(PointInfluence influence, double rho)
    {
        var inflation = new double[influence.Weights.Length];
        LongRun.For(inflation.Length, influence.Residuals.Length, j => inflation[j] = rho > 0 ? Ratio(influence.Weights[j], influence.RunIndex, rho) : 1.0);
        return inflation;
    }

    private static double Ratio(double[] a, int[] runIndex, double rho)
    {
        // Lags beyond which rho^lag no longer moves the sum at double precision.
        var maximumLag = (int)Math.Ceiling(Math.Log(1e-9) / Math.Log(rho));
        double plain = 0, lagged = 0;
        for (var i = 0; i < a.Length; i++)
        {
            plain += a[i] * a[i];
            var power = 1.0;
            for (var lag = 1; lag <= maximumLag && i + lag < a.Length && runIndex[i + lag] == runIndex[i]; lag++)
            {
                power *= rho;
                lagged += power * a[i] * a[i + lag];
            }
        }
        return plain > 0 ? Math.Max(1.0, (plain + 2 * lagged) / plain) : 1.0;
    }
}
