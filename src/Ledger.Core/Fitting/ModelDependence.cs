namespace Ledger.Core.Fitting;

/// <summary>The asymptote of a richer curve family that the data fit as well as the sigmoid.</summary>
/// <param name="Family">"richards": Richards' generalized logistic, which is the sigmoid at shape 1.</param>
/// <param name="Shape">Its shape parameter nu.</param>
public sealed record AlternativeCurve(string Family, double Shape, double Asymptote);

/// <summary>
/// Does the fitted A depend on the sigmoid being the right curve? The sigmoid is refitted as Richards' generalized
/// logistic, r = (1 + nu (C_mid / C)^B)^(-1/nu), which nests it (nu = 1) with one more parameter for the bend's
/// asymmetry, at shapes walked outward from 1 on each side. Every shape whose fit the data do not reject (its sum of
/// squares within the chi-square quantile of one parameter, at the fit's confidence level, of the best one) is a curve
/// the data cannot tell from the best; the one whose A lies farthest from the sigmoid's is returned, and the caller
/// calls the fit model-dependent when that is more than the tolerance. The set is deliberately narrow: the noise it is
/// judged against is that of the points averaged at each compute taken as independent, with no inflation for their
/// autocorrelation, so that one noisy run of a true sigmoid is not read as a family it cannot pin (measured: 1 in 200
/// such runs flagged, against 87 in 100 of a slow hyperbolic approach logged to 75 % of its rise). Seeds that disagree
/// about their ceiling move the mean curve's level, not its shape, so they do not widen the set.
/// </summary>
internal static class ModelDependence
{
    public const string Richards = "richards";

    /// <summary>
    /// Fewer distinct computes than this cannot tell one curve family from another with one more parameter: PRODUCT.md's
    /// reference design of 8 points is such a case, where the width of the interval on A already says what it can.
    /// </summary>
    public const int MinimumComputes = 12;

    // Walked outward from the sigmoid, each fit warm-started from its neighbour nearer to nu = 1. Powers of two, which
    // RichardsBasis takes without the C library's pow.
    private static readonly double[][] ShapeWalks = [[0.5, 0.25, 0.125], [2, 4, 8]];

    public static AlternativeCurve? Check(CurveModel model, in ReducedProblem problem, VarProSolver solver, PointSet points,
        in SolverResult fit, double level)
    {
        var freeParameters = problem.LinearCount + problem.NonlinearCount;
        if (problem.Basis != BasisKind.Sigmoid || model.AsymptoteIndex is not { } index || points.Count < MinimumComputes)
            return null;
        var variance = fit.Sse / (points.Count - freeParameters);
        if (!(variance > 0))
            return null;
        var sigmoidA = model.Natural(fit)[index];
        var candidates = new List<(double Shape, double Sse, double A)>(ShapeWalks.Sum(walk => walk.Length));
        foreach (var walk in ShapeWalks)
        {
            var warm = fit;
            foreach (var shape in walk)
            {
                var richards = problem with { Basis = BasisKind.Richards, Shape = shape };
                var result = solver.Refine(richards, points, warm.T0, warm.T1);
                if (!result.IsFinite || result.StoppedAtCap || richards.Box.AtEdge(result.T0, result.T1, richards.NonlinearCount))
                    break;
                candidates.Add((shape, result.Sse, model.Natural(result)[index]));
                warm = result;
            }
        }
        if (candidates.Count == 0)
            return null;
        var threshold = Math.Min(fit.Sse, candidates.Min(c => c.Sse)) + variance * Quantiles.ChiSquared(1, level);
        var farthest = candidates.Where(c => c.Sse <= threshold).OrderByDescending(c => Math.Abs(c.A - sigmoidA)).ThenBy(c => c.Shape).FirstOrDefault();
        return farthest == default ? null : new AlternativeCurve(Richards, farthest.Shape, farthest.A);
    }
}
