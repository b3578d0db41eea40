namespace Ledger.Core.Fitting;

/// <summary>
/// The fitted curve's value and gradient at each of a set of points, walked in order: what <see cref="CurveEvaluation"/>
/// gives one point at a time, with the same bits. The basis is evaluated a window of points at a time, four lanes at
/// once where the processor has them, each lane doing what one point alone does; one point at a time cost each point
/// a call through the basis' switch, three one-element spans and the C library's exp of theta0, and the loops over
/// every point (covariance, leverage, influence, outliers, the bootstrap's residuals) made it twice each.
/// </summary>
internal sealed class CurveAtPoints
{
    private const int WindowSize = 512;
    private readonly ReducedProblem _problem;
    private readonly SolverResult _fit;
    private readonly double[] _logCompute;
    private readonly int _count;
    private readonly double[] _g;
    private readonly double[] _d0;
    private readonly double[] _d1;
    private int _start;
    private int _end;

    /// <param name="count">How many of <paramref name="logCompute"/>'s leading points are walked (a buffer may hold more).</param>
    public CurveAtPoints(in ReducedProblem problem, in SolverResult fit, double[] logCompute, int count)
    {
        _problem = problem;
        _fit = fit;
        _logCompute = logCompute;
        _count = count;
        var window = Math.Min(count, WindowSize);
        (_g, _d0, _d1) = (new double[window], new double[window], new double[window]);
    }

    public CurveAtPoints(in ReducedProblem problem, in SolverResult fit, FitData data)
        : this(problem, fit, data.LogCompute, data.Count)
    {
    }

    /// <summary>f at point i, as <see cref="CurveEvaluation.AtLogCompute"/>.</summary>
    public double Value(int i)
    {
        var k = Window(i);
        return _problem.Shift + _fit.C0 + _fit.C1 * _g[k];
    }

    /// <summary>d f / d internal at point i, as <see cref="CurveEvaluation.Gradient"/>.</summary>
    public void Gradient(int i, Span<double> gradient)
    {
        var k = Window(i);
        CurveEvaluation.FillGradient(_problem, _fit, _g[k], _d0[k], _d1[k], gradient);
    }

    /// <summary>Point i's place in the window, evaluating the window that starts at it when it is outside.</summary>
    private int Window(int i)
    {
        if (i < _start || i >= _end)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(i);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, _count);
            _start = i;
            _end = Math.Min(_count, i + _g.Length);
            BasisFunctions.Evaluate(_problem.Basis, _logCompute.AsSpan(_start, _end - _start), _fit.T0, _fit.T1, _g, _d0, _d1, _problem.Shape);
        }
        return i - _start;
    }
}
