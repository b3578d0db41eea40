namespace Ledger.Core.Fitting;

/// <summary>
/// The bootstrap over whole runs, each resample refitted by one Gauss-Newton step from the fitted optimum. A
/// resample that draws run r m_r times minimises sum_r m_r sum_(i in r) (y_i - f(x_i; p))^2; at the fit p^, that
/// problem's Gauss-Newton step is (sum_r m_r J_r'J_r)^-1 (sum_r m_r J_r'r_r), and both sums are fixed per run. So
/// the per-run sums are formed once, and each resample costs a few additions and a 4x4 solve instead of a refit
/// over every point: on 10 runs x 1,000 points, 1,000 resamples take well under a millisecond instead of a minute
/// of refits per hundred recipes. The step is the refit's own first iteration, which from the optimum of the
/// full data is where nearly all of its movement happens (Davidson and MacKinnon's one-step bootstrap). With few runs,
/// where drawing at random would repeat the same handful of resamples, every distinct resample is taken once with its
/// probability instead (<see cref="RunResamples"/>).
/// </summary>
internal static class OneStepRunBootstrap
{
    public static BootstrapDraws Run(CurveModel model, in ReducedProblem problem, FitData data, in SolverResult fit,
        FitOptions options, int seed)
    {
        var parameters = problem.LinearCount + problem.NonlinearCount;
        var runs = data.RunNames.Count;
        // Flat arrays, run after run: a multidimensional array's indexer checks every dimension, at every point.
        var size = parameters * parameters;
        var information = new double[runs * size];
        var score = new double[runs * parameters];
        Span<double> gradient = stackalloc double[parameters];
        var curve = new CurveAtPoints(problem, fit, data);
        for (var i = 0; i < data.Count; i++)
        {
            var run = data.RunIndex[i];
            curve.Gradient(i, gradient);
            var residual = data.Reward[i] - curve.Value(i);
            var runScore = score.AsSpan(run * parameters, parameters);
            var runInformation = information.AsSpan(run * size, size);
            for (var a = 0; a < parameters; a++)
            {
                runScore[a] += gradient[a] * residual;
                for (var b = 0; b < parameters; b++)
                {
                    runInformation[a * parameters + b] += gradient[a] * gradient[b];
                }
            }
        }

        var resamples = RunResamples.For(runs, options.BootstrapResamples, seed);
        var matrix = new double[parameters, parameters];
        var sum = new double[size];
        var step = new double[parameters];
        var draws = new OneStepDraws(model, problem, fit, options, resamples.Count);
        var weights = new List<double>(resamples.Count);
        var failed = 0;
        foreach (var (counts, weight) in resamples.Draws)
        {
            Array.Clear(sum);
            Array.Clear(step);
            for (var run = 0; run < runs; run++)
            {
                for (var a = 0; a < parameters; a++)
                {
                    step[a] += counts[run] * score[run * parameters + a];
                    for (var b = 0; b < parameters; b++)
                    {
                        sum[a * parameters + b] += counts[run] * information[run * size + a * parameters + b];
                    }
                }
            }
            Buffer.BlockCopy(sum, 0, matrix, 0, size * sizeof(double));
            if (!SmallLinearSystem.TrySolve(matrix, step))
            {
                failed++;
                continue;
            }
            weights.Add(weight);
            draws.Add(step);
        }
        return new BootstrapDraws(draws.Asymptote, draws.Prediction, draws.Planning, failed, "runs", 0, seed, runs - 1)
        {
            Weights = resamples.Exhaustive ? [.. weights] : null,
        };
    }
}
