using MathNet.Numerics.Distributions;

namespace Ledger.Core.Fitting;

/// <summary>The asymptote of a richer curve family that the data fit as well as the sigmoid.</summary>
/// <param name="Family">"richards": Richards' generalized logistic, which is the sigmoid at shape 1.</param>
/// <param name="Shape">Its shape parameter nu.</param>
public sealed record AlternativeCurve(string Family, double Shape, double Asymptote);

/// <summary>
/// Does the fitted A depend on the sigmoid being the right curve? The sigmoid is refitted as Richards' generalized
/// logistic, r = (1 + nu (C_mid / C)^B)^(-1/nu), which nests it (nu = 1) with one more parameter for the bend's
/// asymmetry, at shapes walked outward from 1 on each side. Every shape whose fit the data do not reject (its sum of
/// squares within the profile threshold for one parameter of the best one, with the same autocorrelation inflation as
/// the intervals) is a curve the data cannot tell from the best; the one whose A lies farthest from the sigmoid's is
/// returned. Data that run well past the bend pin A whatever the shape, so this only moves A where the data end
/// in the bend and the family decides the ceiling. The question is about the shape of the mean curve, so the noise it
/// is judged against is that of the points averaged at each compute, inflated for their autocorrelation along the
/// curve: seeds that disagree about their ceiling move the mean curve's level, not its shape.
/// </summary>
internal static class ModelDependence
{
    public const string Richards = "richards";

    // Walked outward from the sigmoid, each fit warm-started from its neighbour nearer to nu = 1.
    private static readonly double[][] ShapeWalks = [[0.5, 0.25, 0.125], [2, 4, 8]];

    public static AlternativeCurve? Check(CurveModel model, in ReducedProblem problem, VarProSolver solver, PointSet points,
        in SolverResult fit, double level)
    {
        var freeParameters = problem.LinearCount + problem.NonlinearCount;
        if (problem.Basis != BasisKind.Sigmoid || model.AsymptoteIndex is not { } index || points.Count <= freeParameters + 1)
            return null;
        var variance = fit.Sse / (points.Count - freeParameters);
        if (!(variance > 0))
            return null;
        var inflation = AlongTheCurveInflation(problem, fit, points);
        var sigmoidA = model.Natural(fit)[index];
        var candidates = new List<(double Shape, double Sse, double A)>();
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
        var best = Math.Min(fit.Sse, candidates.Min(c => c.Sse));
        var threshold = best + variance * inflation * ChiSquared.InvCDF(1, level);
        var farthest = candidates.Where(c => c.Sse <= threshold).OrderByDescending(c => Math.Abs(c.A - sigmoidA)).ThenBy(c => c.Shape).FirstOrDefault();
        return farthest == default ? null : new AlternativeCurve(Richards, farthest.Shape, farthest.A);
    }

    /// <summary>
    /// (1 + rho) / (1 - rho) for the lag-1 autocorrelation rho of the averaged points' standardised residuals in compute
    /// order (at least 1; rho capped at 0.8): how much less a curve of drifting noise says than one of independent noise.
    /// </summary>
    private static double AlongTheCurveInflation(in ReducedProblem problem, in SolverResult fit, PointSet points)
    {
        double lagged = 0, squares = 0, previous = 0;
        for (var i = 0; i < points.Count; i++)
        {
            var residual = Math.Sqrt(points.Weight[i]) * (points.Y[i] - CurveEvaluation.AtLogCompute(problem, fit, points.LogCompute[i]));
            squares += residual * residual;
            if (i > 0)
                lagged += residual * previous;
            previous = residual;
        }
        var rho = squares > 0 ? Math.Clamp(lagged / squares, 0, 0.8) : 0;
        return (1 + rho) / (1 - rho);
    }
}
