namespace Ledger.Core.Fitting;

/// <summary>
/// The profile-likelihood interval on the asymptote: hold A at a value, refit everything else, and keep the values
/// whose SSE stays under SSE_min + s^2 t^2 (the F-test inversion for least squares). Unlike the Wald interval it
/// follows the real shape of the SSE surface, so it can be lopsided or open on one side: when no A far from the
/// estimate is rejected, the data cannot tell the ceiling, and the interval says so with an infinity.
/// </summary>
internal static class ProfileLikelihood
{
    private static readonly double[] Steps = [0.5, 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128];
    private const int RootSteps = 60;

    public static Interval Asymptote(CurveModel model, ParameterBox box, VarProSolver solver, PointSet points,
        in SolverResult fit, double estimate, double scale, double thresholdSse)
    {
        var lower = Side(model, box, solver, points, fit, estimate, scale, thresholdSse, -1);
        var upper = Side(model, box, solver, points, fit, estimate, scale, thresholdSse, +1);
        return new Interval(lower, upper);
    }

    private static double Side(CurveModel model, ParameterBox box, VarProSolver solver, PointSet points,
        in SolverResult fit, double estimate, double scale, double thresholdSse, int direction)
    {
        var inside = estimate;
        var insideExcess = fit.Sse - thresholdSse;
        var warm = fit;
        double? outside = null;
        var outsideExcess = 0.0;
        foreach (var step in Steps)
        {
            var candidate = estimate + direction * step * scale;
            var profiled = Solve(model, box, solver, points, candidate, warm);
            if (profiled.Sse > thresholdSse)
            {
                outside = candidate;
                outsideExcess = profiled.Sse - thresholdSse;
                break;
            }
            inside = candidate;
            insideExcess = profiled.Sse - thresholdSse;
            warm = profiled;
        }
        if (outside is not { } far)
        {
            return direction * double.PositiveInfinity;
        }
        // Regula falsi with the Illinois modification on SSE(a) - threshold: the profile is close to a parabola
        // near its crossing, so this needs a handful of refits where bisection needs dozens.
        var tolerance = 1e-9 * (Math.Abs(estimate) + scale);
        var side = 0;
        for (var k = 0; k < RootSteps && Math.Abs(far - inside) > tolerance; k++)
        {
            var next = far - outsideExcess * (far - inside) / (outsideExcess - insideExcess);
            if (!(Math.Min(inside, far) < next && next < Math.Max(inside, far)))
            {
                next = 0.5 * (inside + far);
            }
            var profiled = Solve(model, box, solver, points, next, warm);
            var excess = profiled.Sse - thresholdSse;
            if (excess > 0)
            {
                far = next;
                outsideExcess = excess;
                insideExcess = side == -1 ? insideExcess / 2 : insideExcess;
                side = -1;
            }
            else
            {
                inside = next;
                insideExcess = excess;
                outsideExcess = side == 1 ? outsideExcess / 2 : outsideExcess;
                side = 1;
                warm = profiled;
            }
        }
        return 0.5 * (inside + far);
    }

    private static SolverResult Solve(CurveModel model, ParameterBox box, VarProSolver solver, PointSet points,
        double asymptote, in SolverResult warm)
    {
        var problem = model.ProfileProblem(asymptote, box)!.Value;
        var result = solver.Refine(problem, points, warm.T0, warm.T1);
        return result.IsFinite ? result : result with { Sse = double.PositiveInfinity };
    }
}
