namespace Ledger.Core.Fitting;

/// <summary>The state of a reduced problem at one theta: linear coefficients, SSE, and the Gauss-Newton system.</summary>
internal readonly record struct ProjectedEvaluation(
    double C0, double C1, double Sse,
    double H00, double H01, double H11,
    double Grad0, double Grad1);

/// <param name="StoppedAtCap">The search ran out of iterations before any convergence test was met: its optimum is not trusted.</param>
internal readonly record struct SolverResult(double T0, double T1, double C0, double C1, double Sse, int Iterations, bool StoppedAtCap = false)
{
    public bool IsFinite => double.IsFinite(Sse) && double.IsFinite(C0) && double.IsFinite(C1);
}

/// <summary>
/// When a search stops: the quadratic model predicts no step could lower the SSE by more than
/// <paramref name="Predicted"/> of it, or an accepted step lowered it by less than <paramref name="Improvement"/> of it.
/// </summary>
internal readonly record struct Convergence(double Predicted, double Improvement)
{
    /// <summary>To the last digits a double holds: every fit and check whose numbers are reported.</summary>
    public static Convergence Exact { get; } = new(1e-15, 1e-12);

    /// <summary>
    /// Within about <paramref name="standardErrors"/> of a parameter's standard error of the optimum: the SSE is about
    /// (n - p) s^2, and a step of k standard errors lowers it by about k^2 s^2. A bootstrap resample needs no more,
    /// since its draws spread over a standard error and 1,000 of them place a 2.5 % percentile only to about a tenth of one.
    /// </summary>
    public static Convergence Within(double standardErrors, int degreesOfFreedom)
    {
        var share = standardErrors * standardErrors / Math.Max(1, degreesOfFreedom);
        return new Convergence(share, share);
    }
}

/// <summary>
/// Variable projection (Golub and Pereyra) with Kaufman's Jacobian: for fixed theta the linear coefficients are
/// solved exactly, and Levenberg-Marquardt searches only theta (one or two parameters), over weighted points (see
/// <see cref="PointSet"/>). Hand-written over plain arrays: a fit allocates its workspace once and nothing in the loop.
/// </summary>
internal sealed class VarProSolver
{
    private const double InitialDamping = 1e-3;
    private const double MaxDamping = 1e14;
    private const double StepTolerance = 1e-10;

    private double[] _g;
    private double[] _d0;
    private double[] _d1;

    public VarProSolver(int capacity)
    {
        _g = new double[capacity];
        _d0 = new double[capacity];
        _d1 = new double[capacity];
    }

    /// <param name="convergence">When to stop (default <see cref="Convergence.Exact"/>).</param>
    public SolverResult Refine(in ReducedProblem problem, PointSet points, double t0, double t1, int maxIterations = 200,
        Convergence? convergence = null)
    {
        var (predictedTolerance, improvementTolerance) = convergence ?? Convergence.Exact;
        var box = problem.Box;
        var twoParameters = problem.NonlinearCount == 2;
        t0 = box.Clamp0(t0);
        t1 = twoParameters ? box.Clamp1(t1) : 0.0;
        var current = Evaluate(problem, points, t0, t1);
        var damping = InitialDamping;
        var iterations = 0;
        var converged = false;
        while (iterations < maxIterations && double.IsFinite(current.Sse))
        {
            iterations++;
            if (!TryStep(current, damping, twoParameters, out var step0, out var step1))
            {
                converged = true;
                break;
            }
            if (PredictedDecrease(current, step0, step1) <= predictedTolerance * current.Sse)
            {
                converged = true;
                break; // the quadratic model says no step can still matter: skip evaluating it
            }
            var next0 = box.Clamp0(t0 + step0);
            var next1 = twoParameters ? box.Clamp1(t1 + step1) : 0.0;
            if (next0 == t0 && next1 == t1)
            {
                converged = true;
                break; // pinned against the box: nowhere left to go
            }
            var trial = Evaluate(problem, points, next0, next1);
            var moved = Math.Max(Math.Abs(next0 - t0) / (1 + Math.Abs(t0)), Math.Abs(next1 - t1) / (1 + Math.Abs(t1)));
            if (trial.Sse < current.Sse)
            {
                var improvement = (current.Sse - trial.Sse) / Math.Max(current.Sse, double.Epsilon);
                t0 = next0;
                t1 = next1;
                current = trial;
                damping = Math.Max(damping / 10, 1e-15);
                if (moved < StepTolerance || improvement < improvementTolerance)
                {
                    converged = true;
                    break;
                }
            }
            else
            {
                damping *= 10;
                if (damping > MaxDamping || moved < StepTolerance)
                {
                    converged = true;
                    break; // no step downhill exists at machine precision: this is the minimum
                }
            }
        }
        return new SolverResult(t0, t1, current.C0, current.C1, current.Sse, iterations, StoppedAtCap: !converged && iterations >= maxIterations);
    }

    /// <summary>SSE (and the linear coefficients) at theta, without the Jacobian: the grid start's cheap look.</summary>
    public double Sse(in ReducedProblem problem, PointSet points, double t0, double t1)
    {
        var (c0, c1, _, _, _) = SolveAt(problem, points, t0, t1, withDerivatives: false);
        var g = _g.AsSpan(0, points.Count);
        var y = points.Y;
        var w = points.Weight;
        var sse = 0.0;
        for (var i = 0; i < g.Length; i++)
        {
            var r = y[i] - problem.Shift - c0 - c1 * g[i];
            sse += w[i] * r * r;
        }
        return sse;
    }

    public ProjectedEvaluation Evaluate(in ReducedProblem problem, PointSet points, double t0, double t1)
    {
        var n = points.Count;
        var (c0, c1, sumW, sumG, sumGG) = SolveAt(problem, points, t0, t1, withDerivatives: true);
        var y = points.Y;
        var w = points.Weight;
        var g = _g.AsSpan(0, n);
        var d0 = _d0.AsSpan(0, n);
        var d1 = _d1.AsSpan(0, n);

        // Second pass: exact residuals (no Sum y^2 - c'Phi'y cancellation) and the sums of Kaufman's Jacobian,
        // whose columns are w_k = c1 dg/dtheta_k projected off the span of the linear basis.
        double sse = 0, sw0 = 0, sw1 = 0, sgw0 = 0, sgw1 = 0, w00 = 0, w01 = 0, w11 = 0, wr0 = 0, wr1 = 0;
        for (var i = 0; i < n; i++)
        {
            var r = y[i] - problem.Shift - c0 - c1 * g[i];
            var wr = w[i] * r;
            sse += wr * r;
            var a = c1 * d0[i];
            var b = c1 * d1[i];
            var wa = w[i] * a;
            var wb = w[i] * b;
            sw0 += wa;
            sw1 += wb;
            sgw0 += g[i] * wa;
            sgw1 += g[i] * wb;
            w00 += wa * a;
            w01 += wa * b;
            w11 += wb * b;
            wr0 += a * wr;
            wr1 += b * wr;
        }
        var (h00, h01, h11) = Project(problem.Mode, sumW, sumG, sumGG, sw0, sw1, sgw0, sgw1, w00, w01, w11);
        return new ProjectedEvaluation(c0, c1, sse, h00, h01, h11, wr0, wr1);
    }

    /// <summary>Fills the basis and its derivatives at theta into the workspace and solves the linear coefficients exactly.</summary>
    private (double C0, double C1, double SumW, double SumG, double SumGG) SolveAt(in ReducedProblem problem, PointSet points,
        double t0, double t1, bool withDerivatives)
    {
        var n = points.Count;
        var logCompute = points.LogCompute.AsSpan(0, n);
        var y = points.Y;
        var w = points.Weight;
        EnsureCapacity(n);
        var g = _g.AsSpan(0, n);
        if (withDerivatives)
        {
            BasisFunctions.Evaluate(problem.Basis, logCompute, t0, t1, g, _d0.AsSpan(0, n), _d1.AsSpan(0, n), problem.Shape);
        }
        else
        {
            BasisFunctions.Values(problem.Basis, logCompute, t0, t1, g, problem.Shape);
        }
        double sumW = 0, sumG = 0, sumGG = 0, sumY = 0, sumGY = 0;
        for (var i = 0; i < n; i++)
        {
            var wi = w[i];
            var yi = y[i] - problem.Shift;
            var wg = wi * g[i];
            sumW += wi;
            sumG += wg;
            sumGG += wg * g[i];
            sumY += wi * yi;
            sumGY += wg * yi;
        }
        var (c0, c1) = SolveLinear(problem, sumW, sumG, sumGG, sumY, sumGY);
        return (c0, c1, sumW, sumG, sumGG);
    }

    private static (double C0, double C1) SolveLinear(in ReducedProblem problem, double n, double sumG, double sumGG, double sumY, double sumGY)
    {
        switch (problem.Mode)
        {
            case LinearMode.InterceptAndScale:
                var det = n * sumGG - sumG * sumG;
                if (!(Math.Abs(det) > 1e-300 * Math.Max(1, n * sumGG)))
                {
                    return (sumY / n, 0.0); // g is constant here: only a level can be fitted
                }
                return ((sumGG * sumY - sumG * sumGY) / det, (n * sumGY - sumG * sumY) / det);
            case LinearMode.Scale:
                return (0.0, sumGG > 0 ? sumGY / sumGG : 0.0);
            default:
                return (0.0, problem.FixedScale);
        }
    }

    // (P w_k)'(P w_l) = w_k'w_l - (Phi'w_k)' (Phi'Phi)^-1 (Phi'w_l), with Phi = [1, g], [g] or nothing.
    private static (double H00, double H01, double H11) Project(LinearMode mode, double n, double sumG, double sumGG,
        double sw0, double sw1, double sgw0, double sgw1, double w00, double w01, double w11)
    {
        switch (mode)
        {
            case LinearMode.InterceptAndScale:
            {
                var det = n * sumGG - sumG * sumG;
                if (!(det > 0))
                {
                    return (w00, w01, w11);
                }
                double Quadratic(double a0, double a1, double b0, double b1) =>
                    (a0 * (sumGG * b0 - sumG * b1) + a1 * (-sumG * b0 + n * b1)) / det;
                return (w00 - Quadratic(sw0, sgw0, sw0, sgw0),
                        w01 - Quadratic(sw0, sgw0, sw1, sgw1),
                        w11 - Quadratic(sw1, sgw1, sw1, sgw1));
            }
            case LinearMode.Scale:
                return sumGG > 0
                    ? (w00 - sgw0 * sgw0 / sumGG, w01 - sgw0 * sgw1 / sumGG, w11 - sgw1 * sgw1 / sumGG)
                    : (w00, w01, w11);
            default:
                return (w00, w01, w11);
        }
    }

    // The Gauss-Newton model of the SSE: S(theta + d) ~ S - 2 d'J'r + d'Hd, with J'r = Grad in this sign convention.
    private static double PredictedDecrease(in ProjectedEvaluation e, double step0, double step1) =>
        2 * (step0 * e.Grad0 + step1 * e.Grad1) - (step0 * step0 * e.H00 + 2 * step0 * step1 * e.H01 + step1 * step1 * e.H11);

    // Marquardt's step: (H + lambda diag(H)) delta = J'r, solved in closed form for one or two parameters.
    private static bool TryStep(in ProjectedEvaluation e, double damping, bool twoParameters, out double step0, out double step1)
    {
        var floor = 1e-12 * (Math.Abs(e.H00) + Math.Abs(e.H11)) + 1e-300;
        var a = e.H00 + damping * Math.Max(e.H00, floor);
        if (!twoParameters)
        {
            step0 = e.Grad0 / a;
            step1 = 0;
            return double.IsFinite(step0);
        }
        var d = e.H11 + damping * Math.Max(e.H11, floor);
        var det = a * d - e.H01 * e.H01;
        step0 = (d * e.Grad0 - e.H01 * e.Grad1) / det;
        step1 = (a * e.Grad1 - e.H01 * e.Grad0) / det;
        return double.IsFinite(step0) && double.IsFinite(step1);
    }

    private void EnsureCapacity(int n)
    {
        if (_g.Length >= n)
        {
            return;
        }
        _g = new double[n];
        _d0 = new double[n];
        _d1 = new double[n];
    }
}
