using MathNet.Numerics.Random;

namespace Ledger.Core.Fitting;

/// <summary>What the bootstrap refits produced, and the degrees of freedom of what was resampled (runs - 1, or n - p).</summary>
internal sealed record BootstrapDraws(
    double[] Asymptote, double[] Prediction, double[] LogPlanning, int Failed, string Method, int BlockLength, int Seed,
    int DegreesOfFreedom)
{
    /// <summary>Each draw's probability when every distinct resample was taken once (see <see cref="RunResamples"/>); null for equally likely random draws.</summary>
    public double[]? Weights { get; init; }

    public bool Exhaustive => Weights is not null;
}

/// <summary>
/// The bootstrap of a fit. Seeds of a recipe are its real replicates, so with three or more runs whole runs are
/// resampled; with fewer, blocks of residuals are flipped in sign together (a block wild bootstrap), which keeps
/// both the autocorrelation of RL logs and noise that grows with the metric. The seed comes from the
/// input digest, so the same points always give the same interval. Over whole runs, and over blocks of a long run,
/// a resample is refitted by one Gauss-Newton step from the fitted optimum (see <see cref="OneStepRunBootstrap"/> and
/// <see cref="BlockSumBootstrap"/>). Otherwise each resample is refitted in full, since with a few dozen points the
/// curve bends over a standard error and one step would lose the skew of A's distribution (measured: the interval on A
/// of 100 points logged to 3 C_mid covered 91 % with one step against 93 % refitted). The refit starts where that one
/// step lands and stops within a hundredth of a standard error of its optimum: about two evaluations of the curve a
/// resample, where starting at the fit and converging to the last digit took five.
/// </summary>
internal static class BootstrapResampler
{
    private const int MinimumRunsForRunResampling = 3;

    /// <summary>How near a resample's refit comes to its optimum, in standard errors (see <see cref="Convergence.Within"/>).</summary>
    private const double ResampleAccuracy = 0.01;

    public static BootstrapDraws Run(CurveModel model, in ReducedProblem problem, FitData data, ComputeGroups groups,
        in SolverResult fit, FitOptions options, int seed, double[] leverage, int parameterCount)
    {
        if (data.RunNames.Count >= MinimumRunsForRunResampling)
        {
            return OneStepRunBootstrap.Run(model, problem, data, fit, options, seed);
        }
        if (LongRun.Holds(groups.Count))
        {
            return BlockSumBootstrap.Run(model, problem, data, fit, options, seed, leverage, parameterCount);
        }
        var random = new Xoshiro256StarStar(seed, threadSafe: false);
        var resampler = new BlockResample(data, groups, problem, fit, random, leverage);
        var convergence = Convergence.Within(ResampleAccuracy, data.Count - parameterCount);

        var asymptote = new List<double>(options.BootstrapResamples);
        var prediction = new List<double>(options.BootstrapResamples);
        var planning = new List<double>(options.BootstrapResamples);
        var solver = new VarProSolver(data.Count);
        var failed = 0;
        var isSigmoid = problem.Basis == BasisKind.Sigmoid;
        for (var b = 0; b < options.BootstrapResamples; b++)
        {
            var points = resampler.Next();
            var (t0, t1) = resampler.OneStepTheta(fit);
            var refit = solver.Refine(problem, points, t0, t1, convergence: convergence);
            if (!refit.IsFinite)
            {
                failed++;
                continue;
            }
            var natural = model.Natural(refit);
            if (model.AsymptoteIndex is { } index)
            {
                asymptote.Add(natural[index]);
            }
            if (options.PredictAt is { } at)
            {
                prediction.Add(CurveEvaluation.Value(problem, refit, at));
            }
            if (isSigmoid)
            {
                planning.Add(CurveEvaluation.LogComputeToFraction(refit, options.PlanningFraction));
            }
        }
        return new BootstrapDraws([.. asymptote], [.. prediction], [.. planning], failed,
            "residual-blocks", resampler.BlockLength, seed, data.Count - parameterCount);
    }

    /// <summary>A residual scaled up by its leverage, since least-squares residuals are smaller than the noise they estimate.</summary>
    public static double CorrectedResidual(double residual, double leverage) => residual / Math.Sqrt(1 - Math.Min(leverage, 0.99));

    /// <summary>
    /// A block wild bootstrap: every residual stays at its own point (so a curve whose noise grows with the metric
    /// keeps that shape) and consecutive blocks of residuals are flipped in sign together (so autocorrelated
    /// stretches of an RL log stay together). Residuals are scaled up by their leverage, since least-squares
    /// residuals are smaller than the noise they estimate. Each resample also carries the one Gauss-Newton step in
    /// theta that its flipped residuals make from the fit (<see cref="OneStepContributions"/>), where its refit starts.
    /// </summary>
    internal sealed class BlockResample
    {
        private readonly FitData _data;
        private readonly ComputeGroups _groups;
        private readonly Xoshiro256StarStar _random;
        private readonly double[] _fitted;
        private readonly double[] _residuals;
        private readonly double[] _y;
        private readonly PointSet _points;
        // Where each point lands in the collapsed set when every compute holds one point: the resample is then
        // written there directly instead of collapsed again.
        private readonly int[]? _slots;
        private readonly double[]? _shares;
        private readonly int _parameters;
        private readonly int _theta;
        private readonly int _thetaCount;
        private double _step0;
        private double _step1;

        public BlockResample(FitData data, ComputeGroups groups, in ReducedProblem problem, in SolverResult fit, Xoshiro256StarStar random,
            double[] leverage)
        {
            _data = data;
            _groups = groups;
            _points = PointSet.Buffer(groups.Count);
            _random = random;
            _fitted = new double[data.Count];
            _residuals = new double[data.Count];
            _y = new double[data.Count];
            var curve = new CurveAtPoints(problem, fit, data);
            for (var i = 0; i < data.Count; i++)
            {
                _fitted[i] = curve.Value(i);
                _residuals[i] = CorrectedResidual(data.Reward[i] - _fitted[i], leverage[i]);
            }
            BlockLength = ChooseBlockLength(data, _residuals);
            _slots = groups.SlotsWhenDistinct();
            if (_slots is not null)
            {
                groups.Collapse(_fitted, null, _points);
            }
            _shares = OneStepContributions.Of(problem, fit, data, _residuals);
            _parameters = problem.LinearCount + problem.NonlinearCount;
            _theta = problem.LinearCount;
            _thetaCount = problem.NonlinearCount;
        }

        public int BlockLength { get; }

        /// <summary>
        /// Blocks only where the residuals are positively autocorrelated: with independent noise, blocks of a smooth
        /// fit's residuals (which are slightly anti-correlated) shrink the bootstrap's spread. The length grows from
        /// 1 with the lag-1 autocorrelation rho as 1 + n^(1/3) rho / (1 - rho), the usual n^(1/3) rate.
        /// </summary>
        public static int ChooseBlockLength(FitData data, double[] residuals)
        {
            double lagged = 0, squares = 0;
            for (var i = 0; i < residuals.Length; i++)
            {
                squares += residuals[i] * residuals[i];
                if (i > 0 && data.RunIndex[i] == data.RunIndex[i - 1])
                {
                    lagged += residuals[i] * residuals[i - 1];
                }
            }
            var rho = squares > 0 ? Math.Clamp(lagged / squares, 0, 0.9) : 0;
            var length = 1 + (int)Math.Round(Math.Cbrt(residuals.Length) * rho / (1 - rho));
            return Math.Clamp(length, 1, Math.Max(1, residuals.Length / 4));
        }

        /// <summary>The next resample's points; <see cref="OneStepTheta"/> then tells where its refit should start.</summary>
        public PointSet Next()
        {
            var n = _data.Count;
            // A random phase keeps block boundaries from always falling on the same points: a block starts wherever
            // (i + phase) is a multiple of the block length, counted down rather than divided out at every point.
            var phase = _random.Next(BlockLength);
            var nextStart = phase == 0 ? BlockLength : BlockLength - phase;
            var signs = new BlockSigns(_random);
            var sign = signs.Next();
            // One point a compute: the point is its compute's mean, written straight where the collapse would put it.
            var (target, slots) = _slots is null ? (_y, null) : (_points.Y, _slots);
            var (fitted, residuals, shares) = (_fitted, _residuals, _shares);
            var (stride, theta, twoTheta) = (_parameters, _theta, _thetaCount == 2);
            double step0 = 0, step1 = 0;
            for (var i = 0; i < n; i++)
            {
                if (i == nextStart)
                {
                    sign = signs.Next();
                    nextStart += BlockLength;
                }
                target[slots is null ? i : slots[i]] = fitted[i] + sign * residuals[i];
                if (shares is not null)
                {
                    step0 += sign * shares[i * stride + theta];
                    step1 += twoTheta ? sign * shares[i * stride + theta + 1] : 0.0;
                }
            }
            (_step0, _step1) = (step0, step1);
            return slots is null ? _groups.Collapse(_y, null, _points) : _points;
        }

        /// <summary>Theta moved by the last resample's one Gauss-Newton step from <paramref name="fit"/> (the solver keeps it in its box).</summary>
        public (double T0, double T1) OneStepTheta(in SolverResult fit) => (fit.T0 + _step0, fit.T1 + _step1);
    }
}
