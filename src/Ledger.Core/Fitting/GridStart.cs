namespace Ledger.Core.Fitting;

/// <summary>
/// A deterministic start: the reduced problem's SSE on a fixed grid over theta, computed on an evenly spread
/// subsample of the points (the grid only ranks basins; the full data refine), then Levenberg-Marquardt from the
/// best few cells on all points. No random starts, so the same data always take the same path.
/// </summary>
internal static class GridStart
{
    private const int SubsampleSize = 10;
    private const int SigmoidRows = 4;
    private const int SigmoidColumns = 7;
    private const int PowerCells = 25;
    private const int Refinements = 2;

    public static SolverResult Fit(VarProSolver solver, in ReducedProblem problem, PointSet points)
    {
        var sample = points.Subsample(SubsampleSize);

        Span<double> bestSse = stackalloc double[Refinements];
        Span<double> best0 = stackalloc double[Refinements];
        Span<double> best1 = stackalloc double[Refinements];
        bestSse.Fill(double.PositiveInfinity);

        var box = problem.Box;
        var twoParameters = problem.NonlinearCount == 2;
        var rows = twoParameters ? SigmoidRows : PowerCells;
        var columns = twoParameters ? SigmoidColumns : 1;
        for (var row = 0; row < rows; row++)
        {
            var t0 = Interior(box.Lower0, box.Upper0, row, rows);
            for (var column = 0; column < columns; column++)
            {
                var t1 = twoParameters ? Interior(box.Lower1, box.Upper1, column, columns) : 0.0;
                var sse = solver.Sse(problem, sample, t0, t1);
                Keep(sse, t0, t1, bestSse, best0, best1);
            }
        }

        // The runner-up basin is refined only when the best one ends on the box's edge or fails: on clean data the
        // best cell's basin is the minimum, and a second refinement would double the cost of every fit.
        var result = default(SolverResult);
        var found = false;
        for (var k = 0; k < Refinements && double.IsFinite(bestSse[k]); k++)
        {
            // Most of the way on the subsample, where an iteration costs a tenth, then the last steps on all points.
            var rough = solver.Refine(problem, sample, best0[k], best1[k]);
            var (start0, start1) = rough.IsFinite ? (rough.T0, rough.T1) : (best0[k], best1[k]);
            var refined = solver.Refine(problem, points, start0, start1);
            if (refined.IsFinite && (!found || refined.Sse < result.Sse))
            {
                result = refined;
                found = true;
            }
            if (found && !box.AtEdge(result.T0, result.T1, problem.NonlinearCount))
            {
                break;
            }
        }
        return found ? result : new SolverResult(best0[0], best1[0], double.NaN, double.NaN, double.NaN, 0);
    }

    private static double Interior(double lower, double upper, int index, int count) =>
        lower + (upper - lower) * (index + 0.5) / count;

    private static void Keep(double sse, double t0, double t1, Span<double> bestSse, Span<double> best0, Span<double> best1)
    {
        if (!double.IsFinite(sse))
        {
            return;
        }
        for (var k = 0; k < bestSse.Length; k++)
        {
            if (sse < bestSse[k])
            {
                for (var j = bestSse.Length - 1; j > k; j--)
                {
                    bestSse[j] = bestSse[j - 1];
                    best0[j] = best0[j - 1];
                    best1[j] = best1[j - 1];
                }
                bestSse[k] = sse;
                best0[k] = t0;
                best1[k] = t1;
                return;
            }
        }
    }
}
