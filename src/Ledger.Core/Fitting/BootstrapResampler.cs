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
/// input digest, so the same points always give the same interval. Refits start from the fitted optimum; over whole
/// runs they are one Gauss-Newton step (see <see cref="OneStepRunBootstrap"/>).
/// </summary>
internal static class BootstrapResampler
{
    private const int MinimumRunsForRunResampling = 3;

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

        var asymptote = new List<double>(options.BootstrapResamples);
        var prediction = new List<double>(options.BootstrapResamples);
        var planning = new List<double>(options.BootstrapResamples);
        var solver = new VarProSolver(data.Count);
        var failed = 0;
        var isSigmoid = problem.Basis == BasisKind.Sigmoid;
        for (var b = 0; b < options.BootstrapResamples; b++)
        {
            var refit = solver.Refine(problem, resampler.Next(), fit.T0, fit.T1);
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
    /// stretches of an RL log stay together). Residuals are scaled by sqrt(n / (n - p)) since least-squares
    /// residuals are smaller than the noise they estimate.
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
            for (var i = 0; i < data.Count; i++)
            {
                _fitted[i] = CurveEvaluation.AtLogCompute(problem, fit, data.LogCompute[i]);
                _residuals[i] = CorrectedResidual(data.Reward[i] - _fitted[i], leverage[i]);
            }
            BlockLength = ChooseBlockLength(data, _residuals);
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

        public PointSet Next()
        {
            var n = _data.Count;
            // A random phase keeps block boundaries from always falling on the same points.
            var phase = _random.Next(BlockLength);
            var sign = _random.Next(2) == 0 ? -1.0 : 1.0;
            for (var i = 0; i < n; i++)
            {
                if (i > 0 && (i + phase) % BlockLength == 0)
                {
                    sign = _random.Next(2) == 0 ? -1.0 : 1.0;
                }
                _y[i] = _fitted[i] + sign * _residuals[i];
            }
            return _groups.Collapse(_y, null, _points);
        }
    }
}
