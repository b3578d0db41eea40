namespace Ledger.Core.Fitting;

/// <summary>
/// A fit of more than <see cref="MinimumComputes"/> distinct computes (one run logged at every step, say) takes the
/// long-run path, whose costs do not grow with the points: the block bootstrap from per-block sums
/// (<see cref="BlockSumBootstrap"/>), and the profile interval and the model-dependence check on the points condensed
/// into <see cref="CondensedPoints"/> bins. Below it every fit is computed as it always was, bit for bit. The bound is
/// measured: at 10,000 points the full-refit block bootstrap takes seconds a fit, and the one-step bootstrap agrees
/// with it (LongRunBootstrapTests); no ledger or test fit before this path held more than a few thousand computes.
/// </summary>
internal static class LongRun
{
    public const int MinimumComputes = 10_000;

    /// <summary>How many bins the profile interval and the model-dependence check see of a long run.</summary>
    public const int CondensedPoints = 4_096;

    public static bool Holds(int distinctComputes) => distinctComputes > MinimumComputes;

    /// <summary>
    /// Runs <paramref name="body"/> for 0 to <paramref name="count"/> - 1, side by side on every core when a long run's
    /// <paramref name="points"/> make each call worth it, else in a plain loop (a short fit is microseconds, and fits
    /// already run side by side). The calls must be independent: each gives the same bits either way.
    /// </summary>
    public static void For(int count, int points, Action<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (points > MinimumComputes)
        {
            Parallel.For(0, count, body);
            return;
        }
        for (var i = 0; i < count; i++)
            body(i);
    }

    /// <summary>
    /// What the profile interval and the model-dependence check refit: a long run's condensed points with its fit
    /// refined on them (their SSE is what the thresholds are read against), else the points, solver and fit themselves.
    /// </summary>
    public static (PointSet Points, VarProSolver Solver, SolverResult Fit) ForRefits(in ReducedProblem problem, PointSet points,
        VarProSolver solver, in SolverResult fit)
    {
        if (!Holds(points.Count))
        {
            return (points, solver, fit);
        }
        var condensed = Condense(points);
        var condensedSolver = new VarProSolver(condensed.Count);
        return (condensed, condensedSolver, condensedSolver.Refine(problem, condensed, fit.T0, fit.T1));
    }

    /// <summary>
    /// Consecutive computes pooled into about <see cref="CondensedPoints"/> weighted points: each bin's weighted mean
    /// of ln C and of the metric, its total weight, and the scatter about its mean kept as the constant SSE. A bin
    /// spans a sliver of the curve (1/4,096 of the points), so its least-squares surface is the points' own up to the
    /// curve's bend inside a bin, which is far below the noise of a run this long.
    /// </summary>
    public static PointSet Condense(PointSet points)
    {
        var bins = Math.Min(CondensedPoints, points.Count);
        var condensed = PointSet.Buffer(bins);
        var constant = points.ConstantSse;
        for (var bin = 0; bin < bins; bin++)
        {
            var start = (int)((long)bin * points.Count / bins);
            var end = (int)((long)(bin + 1) * points.Count / bins);
            double weight = 0, logCompute = 0, y = 0;
            for (var i = start; i < end; i++)
            {
                weight += points.Weight[i];
                logCompute += points.Weight[i] * points.LogCompute[i];
                y += points.Weight[i] * points.Y[i];
            }
            logCompute /= weight;
            y /= weight;
            for (var i = start; i < end; i++)
            {
                constant += points.Weight[i] * (points.Y[i] - y) * (points.Y[i] - y);
            }
            condensed.Add(logCompute, y, weight);
        }
        condensed.AddConstant(constant);
        return condensed;
    }
}
