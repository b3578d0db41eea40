using MathNet.Numerics.Random;

namespace Ledger.Core.Fitting;

/// <summary>What the bootstrap refits produced: one value per successful resample of each quantity it tracks.</summary>
internal sealed record BootstrapDraws(
    double[] Asymptote, double[] Prediction, double[] LogPlanning, int Failed, string Method, int BlockLength, int Seed);

/// <summary>
/// The bootstrap of a fit. Seeds of a recipe are its real replicates, so with three or more runs whole runs are
/// resampled; with fewer, moving blocks of residuals keep the autocorrelation of RL logs. The seed comes from the
/// input digest, so the same points always give the same interval. Refits start from the fitted optimum.
/// </summary>
internal static class BootstrapResampler
{
    private const int MinimumRunsForRunResampling = 3;

    public static BootstrapDraws Run(CurveModel model, in ReducedProblem problem, FitData data, in SolverResult fit,
        FitOptions options, int seed, int parameterCount)
    {
        var random = new Xoshiro256StarStar(seed, threadSafe: false);
        var byRuns = data.RunNames.Count >= MinimumRunsForRunResampling;
        var blockLength = byRuns ? 0 : Math.Max(1, (int)Math.Round(Math.Cbrt(data.Count)));
        var resampler = byRuns
            ? (IResample)new RunResample(data, random)
            : new BlockResample(data, problem, fit, random, blockLength, parameterCount);

        var asymptote = new List<double>(options.BootstrapResamples);
        var prediction = new List<double>(options.BootstrapResamples);
        var planning = new List<double>(options.BootstrapResamples);
        var solver = new VarProSolver(data.Count);
        var failed = 0;
        var isSigmoid = problem.Basis == BasisKind.Sigmoid;
        for (var b = 0; b < options.BootstrapResamples; b++)
        {
            var (logCompute, y) = resampler.Next();
            var refit = solver.Refine(problem, logCompute, y, fit.T0, fit.T1);
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
            byRuns ? "runs" : "residual-blocks", blockLength, seed);
    }

    private interface IResample
    {
        (double[] LogCompute, double[] Y) Next();
    }

    /// <summary>Draws as many runs as there are, with replacement, and concatenates their points.</summary>
    private sealed class RunResample(FitData data, Xoshiro256StarStar random) : IResample
    {
        private readonly int[][] _pointsOfRun = Enumerable.Range(0, data.RunNames.Count)
            .Select(run => Enumerable.Range(0, data.Count).Where(i => data.RunIndex[i] == run).ToArray())
            .ToArray();

        public (double[] LogCompute, double[] Y) Next()
        {
            var chosen = new int[_pointsOfRun.Length];
            var total = 0;
            for (var k = 0; k < chosen.Length; k++)
            {
                chosen[k] = random.Next(_pointsOfRun.Length);
                total += _pointsOfRun[chosen[k]].Length;
            }
            var logCompute = new double[total];
            var y = new double[total];
            var at = 0;
            foreach (var run in chosen)
            {
                foreach (var i in _pointsOfRun[run])
                {
                    logCompute[at] = data.LogCompute[i];
                    y[at++] = data.Reward[i];
                }
            }
            return (logCompute, y);
        }
    }

    /// <summary>
    /// Fitted values plus residuals laid down in blocks of consecutive points from random places. Residuals are
    /// scaled by sqrt(n / (n - p)) since least-squares residuals are smaller than the noise they estimate.
    /// </summary>
    private sealed class BlockResample : IResample
    {
        private readonly FitData _data;
        private readonly Xoshiro256StarStar _random;
        private readonly int _blockLength;
        private readonly double[] _fitted;
        private readonly double[] _residuals;
        private readonly double[] _y;

        public BlockResample(FitData data, in ReducedProblem problem, in SolverResult fit, Xoshiro256StarStar random,
            int blockLength, int parameterCount)
        {
            _data = data;
            _random = random;
            _blockLength = Math.Min(blockLength, data.Count);
            _fitted = new double[data.Count];
            _residuals = new double[data.Count];
            _y = new double[data.Count];
            var inflation = Math.Sqrt((double)data.Count / Math.Max(1, data.Count - parameterCount));
            for (var i = 0; i < data.Count; i++)
            {
                _fitted[i] = problem.Shift + fit.C0 + fit.C1 * BasisFunctions.Value(problem.Basis, data.LogCompute[i], fit.T0, fit.T1);
                _residuals[i] = (data.Reward[i] - _fitted[i]) * inflation;
            }
        }

        public (double[] LogCompute, double[] Y) Next()
        {
            var n = _data.Count;
            var at = 0;
            while (at < n)
            {
                var start = _random.Next(n - _blockLength + 1);
                for (var k = 0; k < _blockLength && at < n; k++, at++)
                {
                    _y[at] = _fitted[at] + _residuals[start + k];
                }
            }
            return (_data.LogCompute, _y);
        }
    }
}
