namespace Ledger.Core.Fitting;

/// <summary>
/// What a one-step bootstrap keeps of each resample: the fit moved by the resample's Gauss-Newton step from the
/// optimum, read as A, the prediction and the planning compute. Shared by the bootstraps over whole runs and over
/// blocks of residuals of a long run.
/// </summary>
internal sealed class OneStepDraws(CurveModel model, ReducedProblem problem, SolverResult fit, FitOptions options, int capacity)
{
    private readonly List<double> _asymptote = new(capacity);
    private readonly List<double> _prediction = new(capacity);
    private readonly List<double> _planning = new(capacity);

    public double[] Asymptote => [.. _asymptote];
    public double[] Prediction => [.. _prediction];
    public double[] Planning => [.. _planning];

    /// <summary>Moves the fit by <paramref name="step"/> (internal order: free linear coefficients, then theta) and keeps what it reads.</summary>
    public void Add(double[] step)
    {
        var moved = Moved(step);
        var natural = model.Natural(moved);
        if (model.AsymptoteIndex is { } index)
        {
            _asymptote.Add(natural[index]);
        }
        if (options.PredictAt is { } at)
        {
            _prediction.Add(CurveEvaluation.Value(problem, moved, at));
        }
        if (problem.Basis == BasisKind.Sigmoid)
        {
            _planning.Add(CurveEvaluation.LogComputeToFraction(moved, options.PlanningFraction));
        }
    }

    /// <summary>The fit moved by a step, theta kept in its box.</summary>
    private SolverResult Moved(double[] step)
    {
        var k = 0;
        var c0 = problem.Mode == LinearMode.InterceptAndScale ? fit.C0 + step[k++] : fit.C0;
        var c1 = problem.Mode != LinearMode.FixedScale ? fit.C1 + step[k++] : fit.C1;
        var t0 = problem.Box.Clamp0(fit.T0 + step[k++]);
        var t1 = problem.NonlinearCount == 2 ? problem.Box.Clamp1(fit.T1 + step[k]) : fit.T1;
        return new SolverResult(t0, t1, c0, c1, fit.Sse, 1);
    }
}
