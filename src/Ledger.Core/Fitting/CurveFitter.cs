using Ledger.Core.Reporting;
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
    /// <remarks>
    /// ledger-fit/2: standard errors and the profile threshold inflated for autocorrelated noise within runs, the seed
    /// spread of A between runs, exact run bootstraps for few runs, Richards' model-dependence check, distinct computes
    /// past C_mid, a robust rise and the tolerance-tied width limit, the iteration cap.
    /// ledger-fit/3: the bootstrap of one or two short runs flips its blocks' signs 64 to a draw of the generator, and
    /// refits each resample from where one Gauss-Newton step lands to within a hundredth of a standard error (it
    /// started at the fit and converged to the last digit): its intervals move by Monte Carlo noise, at half the CPU.
    /// The sigmoid and power bases take e^z from <see cref="DeterministicExp"/>, not the C library: every other
    /// number moves in its last digits.
    /// ledger-fit/4: Richards' curve in the model-dependence check takes e^z from <see cref="DeterministicExp"/> and its
    /// root by square roots or squarings (<see cref="RichardsBasis"/>), not a log and three exps of the C library at
    /// every point. The alternative's A moves in its last digits; every other number keeps its bits.
    /// </remarks>
    public const string Version = "ledger-fit/4";

    public static CurveFit Fit(string recipe, FitData data, FitOptions options) => Fit(recipe, data, options, start: null);

    /// <summary>
    /// Fits from given starting values of the nonlinear parameters ([B, C_mid] for a sigmoid, [exponent] for a power
    /// law) instead of the grid: how the NIST starting points are checked.
    /// </summary>
    internal static CurveFit Fit(string recipe, FitData data, FitOptions options, double[]? start) =>
        Fit(recipe, data.Within(options.Window), options, start, data.Digest(options), setAside: null, pointsGiven: data.Count);

    /// <param name="data">The points inside the options' compute window.</param>
    /// <param name="digest">The digest of the data as given, before any point was set aside: the fit's identity and bootstrap seed.</param>
    /// <param name="setAside">The points a first pass set aside as gross outliers (null on the first pass).</param>
    /// <param name="pointsGiven">How many points there were before the window, to say so when it holds none.</param>
    private static CurveFit Fit(string recipe, FitData data, FitOptions options, double[]? start, byte[] digest, IReadOnlyList<SetAsidePoint>? setAside,
        int pointsGiven)
    {
        var model = CurveModel.For(options);
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
            Metric = data.Metric,
            SetAside = setAside ?? [],
        };

        var groups = ComputeGroups.Of(data.Compute);
        if (DataProblem(model, data, groups, options.Window, pointsGiven) is { } problemWithData)
        {
            return header with { Status = problemWithData.Status, Reason = problemWithData.Reason };
        }

        var (logMin, logMax) = PositiveLogRange(data);
        var box = SearchBox.For(options.Model, logMin, logMax);
        var problem = model.Problem(box);
        var points = groups.Collapse(data.Reward, null);
        var solver = new VarProSolver(points.Count);
        var fit = start is null
            ? GridStart.Fit(solver, problem, points)
            : solver.Refine(problem, points, InternalStart(problem, start, 0), InternalStart(problem, start, 1));
        if (!fit.IsFinite)
        {
            return header with { Reason = "the solver found no curve with a finite sum of squares" };
        }
        var robustRise = Identifiability.RobustRise(data.Reward);
        if (setAside is null && problem.Basis == BasisKind.Sigmoid && GrossOutliers.Find(problem, fit, data, robustRise) is { Count: > 0 } outliers)
        {
            return Fit(recipe, data.Without(outliers.Select(o => o.Index).ToHashSet()), options, start, digest, outliers.Select(o => o.Point).ToList(), pointsGiven);
        }

        var parameterCount = problem.LinearCount + problem.NonlinearCount;
        var degrees = data.Count - parameterCount;
        var sse = fit.Sse + points.ConstantSse;
        var variance = sse / degrees;
        var t = Quantiles.StudentT(degrees, 0.5 + options.ConfidenceLevel / 2);
        var natural = model.Natural(fit);
        var internalCovariance = Covariance.Internal(problem, fit, points, variance);
        var naturalJacobian = model.NaturalJacobian(fit);
        var influence = internalCovariance is null || !(variance > 0)
            ? null
            : PointInfluence.Of(problem, fit, data, internalCovariance.Divide(variance).ToArray(), naturalJacobian);
        var rho = AutocorrelationAdjustment.Rho(problem, fit, points);
        var inflation = influence is null ? Enumerable.Repeat(1.0, natural.Length).ToArray() : AutocorrelationAdjustment.Inflation(influence, rho);
        var naturalCovariance = internalCovariance is null ? null : Covariance.Natural(internalCovariance, naturalJacobian);
        var parameters = Parameters(model, natural, naturalCovariance, inflation, t);
        // Predictions and planning are functions of the whole curve: their delta intervals take A's inflation.
        var asymptoteInflation = model.AsymptoteIndex is { } ai ? inflation[ai] : 1.0;
        var curveCovariance = internalCovariance?.Multiply(asymptoteInflation);

        var profile = Interval.None;
        var bootstrapInterval = Interval.None;
        var bootstrapSe = double.NaN;
        SeedSpread? seeds = null;
        var refits = LongRun.ForRefits(problem, points, solver, fit);
        var seed = BitConverter.ToInt32(digest, 0);
        var draws = options.BootstrapResamples > 0
            ? BootstrapResampler.Run(model, problem, data, groups, fit, options, seed,
                Covariance.Leverage(problem, fit, data, internalCovariance, variance), parameterCount)
            : null;
        if (model.AsymptoteIndex is { } asymptoteIndex)
        {
            var scale = double.IsFinite(parameters[asymptoteIndex].StandardError) && parameters[asymptoteIndex].StandardError > 0
                ? parameters[asymptoteIndex].StandardError
                : 0.05 * Math.Max(robustRise, 1e-12);
            // In the solver's own units, which leave out the constant scatter of points about their compute's mean.
            var threshold = refits.Fit.Sse + variance * asymptoteInflation * t * t;
            profile = ProfileLikelihood.Asymptote(model, box, refits.Solver, refits.Points, refits.Fit, natural[asymptoteIndex], scale, threshold);
            bootstrapInterval = BootstrapInterval.From(draws?.Asymptote, draws?.Weights, natural[asymptoteIndex], options.ConfidenceLevel, draws?.DegreesOfFreedom ?? 0);
            bootstrapSe = draws is null ? double.NaN : BootstrapInterval.StandardError(draws.Asymptote, draws.Weights, draws.Method == "runs" ? data.RunNames.Count : 0);
            seeds = influence is null ? null : SeedSpread.Of(influence, asymptoteIndex);
        }

        var evidence = new IdentifiabilityEvidence(
            model, natural, box.AtEdge(fit.T0, fit.T1, problem.NonlinearCount), internalCovariance is null, fit.StoppedAtCap,
            data.Compute.Max(), ComputesPastMidpoint(model, groups, fit), ReachedFraction(problem, fit, data),
            profile, bootstrapInterval, robustRise, options);
        var reason = Identifiability.Reason(evidence);
        var status = reason is null ? FitStatus.Ok : FitStatus.Unidentified;
        var alternative = status == FitStatus.Ok
            ? ModelDependence.Check(model, problem, refits.Solver, refits.Points, refits.Fit, options.ConfidenceLevel)
            : null;
        // A tolerance of 0 (fail on any significant drop) sets no scale for model dependence: it is then not judged.
        if (alternative is not null && model.AsymptoteIndex is { } index && options.Tolerance > 0 && Math.Abs(alternative.Asymptote - natural[index]) > options.Tolerance)
        {
            status = FitStatus.ModelDependent;
            reason = ModelDependentReason(model.ParameterNames[index], natural[index], alternative, options.Tolerance);
        }

        return header with
        {
            Status = status,
            Reason = reason,
            Parameters = parameters,
            Seeds = seeds,
            AutocorrelationInflation = asymptoteInflation,
            Alternative = alternative,
            ProfileInterval = profile,
            BootstrapInterval = bootstrapInterval,
            BootstrapStandardError = bootstrapSe,
            Bootstrap = draws is null ? null : new BootstrapSummary(draws.Method, draws.Exhaustive ? draws.Asymptote.Length + draws.Failed : options.BootstrapResamples,
                draws.Failed, draws.BlockLength, draws.Seed, draws.Exhaustive),
            RSquared = 1 - sse / TotalSumOfSquares(data),
            Rmse = Math.Sqrt(sse / data.Count),
            Sse = sse,
            Iterations = fit.Iterations,
            Correlations = Correlations(model, naturalCovariance),
            Prediction = options.PredictAt is { } at ? Predict(problem, fit, curveCovariance, at, t, draws, options) : null,
            Planning = problem.Basis == BasisKind.Sigmoid ? Plan(problem, fit, curveCovariance, t, draws, options) : null,
        };
    }

    private static (FitStatus Status, string Reason)? DataProblem(CurveModel model, FitData data, ComputeGroups groups, ComputeWindow? window, int pointsGiven)
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
        var distinct = groups.PositiveCount;
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

    /// <param name="inflation">Each parameter's variance inflation for autocorrelated noise (1: none).</param>
    private static FitParameter[] Parameters(CurveModel model, double[] natural, Matrix<double>? covariance, double[] inflation, double t)
    {
        var parameters = new FitParameter[natural.Length];
        for (var k = 0; k < natural.Length; k++)
        {
            var se = covariance is null ? double.NaN : Math.Sqrt(covariance[k, k] * inflation[k]);
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
        var list = new List<(string, string, double)>(covariance.RowCount * (covariance.RowCount - 1) / 2);
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
        return new Prediction(at, value, delta, BootstrapInterval.From(draws?.Prediction, draws?.Weights, value, options.ConfidenceLevel, draws?.DegreesOfFreedom ?? 0));
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
        var bootstrap = BootstrapInterval.From(draws?.LogPlanning, draws?.Weights, log, options.ConfidenceLevel, draws?.DegreesOfFreedom ?? 0);
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

    /// <summary>Distinct computes beyond C_mid: three seeds evaluated at one step are one look at the curve there, not three.</summary>
    private static int ComputesPastMidpoint(CurveModel model, ComputeGroups groups, in SolverResult fit)
    {
        if (model.Kind is not (CurveModelKind.Sigmoid or CurveModelKind.Sigmoid4))
        {
            return int.MaxValue;
        }
        return groups.DistinctLogsAbove(fit.T1);
    }

    private static string ModelDependentReason(string name, double sigmoid, AlternativeCurve alternative, double tolerance) =>
        $"the ceiling depends on the curve family: the sigmoid gives {name} = {NumberFormat.Short(sigmoid)}, and a Richards curve " +
        $"(shape {NumberFormat.Short(alternative.Shape)}) that fits the data as well gives {NumberFormat.Short(alternative.Asymptote)}, " +
        $"{NumberFormat.Short(Math.Abs(alternative.Asymptote - sigmoid))} apart, more than the tolerance {NumberFormat.Short(tolerance)}";

    private static double ReachedFraction(in ReducedProblem problem, in SolverResult fit, FitData data) =>
        problem.Basis == BasisKind.Sigmoid
            ? BasisFunctions.Value(BasisKind.Sigmoid, Math.Log(data.Compute.Max()), fit.T0, fit.T1)
            : 1.0;

    private static double TotalSumOfSquares(FitData data)
    {
        var mean = data.Reward.Average();
        return data.Reward.Sum(y => (y - mean) * (y - mean));
    }
}
