using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Ledger.Core.Fitting;

/// <summary>
/// Fits one recipe's curve: a deterministic grid start and variable-projection Levenberg-Marquardt, then standard
/// errors, the profile-likelihood and bootstrap intervals on the asymptote, prediction and planning, and the
/// identifiability verdict. A pure function of (points, options): no clock, no ambient randomness.
/// </summary>
public static class CurveFitter
{
    /// <summary>Stored with every fit; bump it whenever a change could move any fitted bit.</summary>
    public const string Version = "ledger-fit/1";

    public static CurveFit Fit(string recipe, FitData data, FitOptions options) => Fit(recipe, data, options, start: null);

    /// <summary>
    /// Fits from given starting values of the nonlinear parameters ([B, C_mid] for a sigmoid, [exponent] for a power
    /// law) instead of the grid: how the NIST starting points are checked.
    /// </summary>
    internal static CurveFit Fit(string recipe, FitData data, FitOptions options, double[]? start)
    {
        var model = CurveModel.For(options);
        var pointsGiven = data.Count;
        data = data.Within(options.Window);
        var digest = data.Digest(options);
        var header = new CurveFit
        {
            Recipe = recipe,
            Model = options.Model,
            Status = FitStatus.Failed,
            Parameters = [],
            AsymptoteName = model.AsymptoteIndex is { } a ? model.ParameterNames[a] : null,
            PointCount = data.Count,
            RunCount = data.RunNames.Count,
            ConfidenceLevel = options.ConfidenceLevel,
            FitterVersion = Version,
            InputDigest = Convert.ToHexStringLower(digest),
        };

        if (DataProblem(model, data, options.Window, pointsGiven) is { } problemWithData)
        {
            return header with { Status = problemWithData.Status, Reason = problemWithData.Reason };
        }

        var (logMin, logMax) = PositiveLogRange(data);
        var box = SearchBox.For(options.Model, logMin, logMax);
        var problem = model.Problem(box);
        var groups = ComputeGroups.Of(data.Compute);
        var points = groups.Collapse(data.Reward, null);
        var solver = new VarProSolver(points.Count);
        var fit = start is null
            ? GridStart.Fit(solver, problem, points)
            : solver.Refine(problem, points, InternalStart(problem, start, 0), InternalStart(problem, start, 1));
        if (!fit.IsFinite)
        {
            return header with { Reason = "the solver found no curve with a finite sum of squares" };
        }

        var parameterCount = problem.LinearCount + problem.NonlinearCount;
        var degrees = data.Count - parameterCount;
        var sse = fit.Sse + points.ConstantSse;
        var variance = sse / degrees;
        var t = StudentT.InvCDF(0, 1, degrees, 0.5 + options.ConfidenceLevel / 2);
        var natural = model.Natural(fit);
        var internalCovariance = Covariance.Internal(problem, fit, points, variance);
        var naturalCovariance = internalCovariance is null ? null : Covariance.Natural(internalCovariance, model.NaturalJacobian(fit));
        var parameters = Parameters(model, natural, naturalCovariance, t);

        var profile = Interval.None;
        var bootstrapInterval = Interval.None;
        var bootstrapSe = double.NaN;
        var seed = BitConverter.ToInt32(digest, 0);
        var draws = options.BootstrapResamples > 0
            ? BootstrapResampler.Run(model, problem, data, groups, fit, options, seed,
                Covariance.Leverage(problem, fit, data, internalCovariance, variance), parameterCount)
            : null;
        if (model.AsymptoteIndex is { } asymptoteIndex)
        {
            var scale = double.IsFinite(parameters[asymptoteIndex].StandardError) && parameters[asymptoteIndex].StandardError > 0
                ? parameters[asymptoteIndex].StandardError
                : 0.05 * Math.Max(ObservedRise(data), 1e-12);
            // In the solver's own units, which leave out the constant scatter of points about their compute's mean.
            var threshold = fit.Sse + variance * t * t;
            profile = ProfileLikelihood.Asymptote(model, box, solver, points, fit, natural[asymptoteIndex], scale, threshold);
            bootstrapInterval = BootstrapInterval.From(draws?.Asymptote, natural[asymptoteIndex], options.ConfidenceLevel, draws?.DegreesOfFreedom ?? 0);
            bootstrapSe = draws is null ? double.NaN : BootstrapInterval.StandardError(draws.Asymptote, draws.Method == "runs" ? data.RunNames.Count : 0);
        }

        var evidence = new IdentifiabilityEvidence(
            model, natural, box.AtEdge(fit.T0, fit.T1, problem.NonlinearCount), internalCovariance is null,
            data.Compute.Max(), PointsPastMidpoint(model, data, fit), ReachedFraction(problem, fit, data),
            profile, bootstrapInterval, ObservedRise(data), options);
        var reason = Identifiability.Reason(evidence);

        return header with
        {
            Status = reason is null ? FitStatus.Ok : FitStatus.Unidentified,
            Reason = reason,
            Parameters = parameters,
            ProfileInterval = profile,
            BootstrapInterval = bootstrapInterval,
            BootstrapStandardError = bootstrapSe,
            Bootstrap = draws is null ? null : new BootstrapSummary(draws.Method, options.BootstrapResamples, draws.Failed, draws.BlockLength, draws.Seed),
            RSquared = 1 - sse / TotalSumOfSquares(data),
            Rmse = Math.Sqrt(sse / data.Count),
            Sse = sse,
            Iterations = fit.Iterations,
            Correlations = Correlations(model, naturalCovariance),
            Prediction = options.PredictAt is { } at ? Predict(problem, fit, internalCovariance, at, t, draws, options) : null,
            Planning = problem.Basis == BasisKind.Sigmoid ? Plan(problem, fit, internalCovariance, t, draws, options) : null,
        };
    }

    private static (FitStatus Status, string Reason)? DataProblem(CurveModel model, FitData data, ComputeWindow? window, int pointsGiven)
    {
        if (data.Count == 0)
        {
            return (FitStatus.Failed, window is not null && pointsGiven > 0
                ? $"the fit window ({window.Describe()}) holds none of the {pointsGiven} points"
                : "there are no points to fit");
        }
        if (model.Kind is CurveModelKind.Power or CurveModelKind.PowerOffset && data.Compute.Any(c => c <= 0))
        {
            return (FitStatus.Failed, "a power law needs X > 0 at every point; this data has a point at X = 0");
        }
        var needed = model.ParameterNames.Count + 2;
        if (data.Count < needed)
        {
            return (FitStatus.Unidentified, $"too few points{(window is null ? "" : " in the fit window")}: {data.Count}, a {model.Kind.Name()} fit needs at least {needed}");
        }
        var distinct = data.Compute.Where(c => c > 0).Distinct().Count();
        if (distinct < model.ParameterNames.Count)
        {
            return (FitStatus.Unidentified, $"too few distinct compute values: {distinct}, a {model.Kind.Name()} fit needs at least {model.ParameterNames.Count}");
        }
        return null;
    }

    private static double InternalStart(in ReducedProblem problem, double[] start, int index) =>
        problem.Basis == BasisKind.Power ? (index == 0 ? start[0] : 0) : Math.Log(start[index]);

    private static (double Min, double Max) PositiveLogRange(FitData data)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var log in data.LogCompute)
        {
            if (double.IsFinite(log))
            {
                min = Math.Min(min, log);
                max = Math.Max(max, log);
            }
        }
        return (min, max);
    }

    private static FitParameter[] Parameters(CurveModel model, double[] natural, Matrix<double>? covariance, double t)
    {
        var parameters = new FitParameter[natural.Length];
        for (var k = 0; k < natural.Length; k++)
        {
            var se = covariance is null ? double.NaN : Math.Sqrt(covariance[k, k]);
            var interval = model.IsLogScale(k)
                ? new Interval(natural[k] * Math.Exp(-t * se / natural[k]), natural[k] * Math.Exp(t * se / natural[k]))
                : new Interval(natural[k] - t * se, natural[k] + t * se);
            parameters[k] = new FitParameter(model.ParameterNames[k], natural[k], se, interval);
        }
        return parameters;
    }

    private static IReadOnlyList<(string, string, double)> Correlations(CurveModel model, Matrix<double>? covariance)
    {
        if (covariance is null)
        {
            return [];
        }
        var list = new List<(string, string, double)>();
        for (var a = 0; a < covariance.RowCount; a++)
        {
            for (var b = a + 1; b < covariance.RowCount; b++)
            {
                list.Add((model.ParameterNames[a], model.ParameterNames[b], covariance[a, b] / Math.Sqrt(covariance[a, a] * covariance[b, b])));
            }
        }
        return list;
    }

    private static Prediction Predict(in ReducedProblem problem, in SolverResult fit, Matrix<double>? covariance,
        double at, double t, BootstrapDraws? draws, FitOptions options)
    {
        var value = CurveEvaluation.Value(problem, fit, at);
        var delta = Interval.None;
        if (covariance is not null)
        {
            Span<double> gradient = stackalloc double[covariance.RowCount];
            CurveEvaluation.Gradient(problem, fit, Math.Log(at), gradient);
            var se = Math.Sqrt(Quadratic(covariance, gradient));
            delta = new Interval(value - t * se, value + t * se);
        }
        return new Prediction(at, value, delta, BootstrapInterval.From(draws?.Prediction, value, options.ConfidenceLevel, draws?.DegreesOfFreedom ?? 0));
    }

    private static ComputeToFraction Plan(in ReducedProblem problem, in SolverResult fit, Matrix<double>? covariance,
        double t, BootstrapDraws? draws, FitOptions options)
    {
        var fraction = options.PlanningFraction;
        var log = CurveEvaluation.LogComputeToFraction(fit, fraction);
        var delta = Interval.None;
        if (covariance is not null)
        {
            // ln C_p = ln C_mid + ln(p / (1 - p)) / B: d/d(ln B) = -ln(p/(1-p)) / B, d/d(ln C_mid) = 1.
            Span<double> gradient = stackalloc double[covariance.RowCount];
            var offset = problem.LinearCount;
            gradient[offset] = -Math.Log(fraction / (1 - fraction)) / Math.Exp(fit.T0);
            gradient[offset + 1] = 1;
            var se = Math.Sqrt(Quadratic(covariance, gradient));
            delta = new Interval(Math.Exp(log - t * se), Math.Exp(log + t * se));
        }
        var bootstrap = BootstrapInterval.From(draws?.LogPlanning, log, options.ConfidenceLevel, draws?.DegreesOfFreedom ?? 0);
        if (bootstrap.IsKnown)
        {
            bootstrap = new Interval(Math.Exp(bootstrap.Lower), Math.Exp(bootstrap.Upper));
        }
        return new ComputeToFraction(fraction, Math.Exp(log), delta, bootstrap);
    }

    private static double Quadratic(Matrix<double> covariance, ReadOnlySpan<double> gradient)
    {
        var sum = 0.0;
        for (var a = 0; a < gradient.Length; a++)
        {
            for (var b = 0; b < gradient.Length; b++)
            {
                sum += gradient[a] * covariance[a, b] * gradient[b];
            }
        }
        return sum;
    }

    private static int PointsPastMidpoint(CurveModel model, FitData data, in SolverResult fit)
    {
        if (model.Kind is not (CurveModelKind.Sigmoid or CurveModelKind.Sigmoid4))
        {
            return int.MaxValue;
        }
        var count = 0;
        foreach (var log in data.LogCompute)
        {
            if (log > fit.T1)
            {
                count++;
            }
        }
        return count;
    }

    private static double ReachedFraction(in ReducedProblem problem, in SolverResult fit, FitData data) =>
        problem.Basis == BasisKind.Sigmoid
            ? BasisFunctions.Value(BasisKind.Sigmoid, Math.Log(data.Compute.Max()), fit.T0, fit.T1)
            : 1.0;

    private static double ObservedRise(FitData data) => data.Reward.Max() - data.Reward.Min();

    private static double TotalSumOfSquares(FitData data)
    {
        var mean = data.Reward.Average();
        return data.Reward.Sum(y => (y - mean) * (y - mean));
    }
}
