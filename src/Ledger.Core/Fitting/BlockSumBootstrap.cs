using MathNet.Numerics.Random;

namespace Ledger.Core.Fitting;

/// <summary>
/// The block wild bootstrap of a long run (see <see cref="LongRun"/>), each resample refitted by one Gauss-Newton step
/// from the optimum, at a cost that does not grow with the points. A resample puts y* = f^ + s_b e_i at every point, the
/// leverage-corrected residual e_i flipped in sign s_b with its block; from the fit p^, its Gauss-Newton step is
/// (J'J)^-1 sum_b s_b J_b'e_b, and J'J does not depend on the resample. So (J'J)^-1 J_i'e_i is summed along the
/// points once (a running sum, so any block's sum is a difference of two), and a resample costs a sign and a
/// subtraction per block. The blocks are those of the full-refit bootstrap (the same lag-1 rule for their length and
/// a random phase), at least n / <see cref="MaximumBlocks"/> points long: with independent noise a block of a long
/// run's residuals is as good as a point (the blocks' sums lose about p / blocks of their spread to the fit), and the
/// resample then costs the same at 10^4 and 10^6 points. The one step is where nearly all of a refit's movement
/// happens (Davidson and MacKinnon's one-step bootstrap); on a run this long a resample moves the fit by about a
/// standard error, a distance over which the curve is close to linear in its parameters.
/// </summary>
internal static class BlockSumBootstrap
{
    public const int MaximumBlocks = 10_000;
    public const string Method = "residual-blocks, one step";

    public static BootstrapDraws Run(CurveModel model, in ReducedProblem problem, FitData data, in SolverResult fit,
        FitOptions options, int seed, double[] leverage, int parameterCount)
    {
        var n = data.Count;
        var parameters = problem.LinearCount + problem.NonlinearCount;
        var residuals = new double[n];
        var curve = new CurveAtPoints(problem, fit, data);
        for (var i = 0; i < n; i++)
        {
            residuals[i] = BootstrapResampler.CorrectedResidual(data.Reward[i] - curve.Value(i), leverage[i]);
        }
        var blockLength = Math.Max(BootstrapResampler.BlockResample.ChooseBlockLength(data, residuals), (n + MaximumBlocks - 1) / MaximumBlocks);
        if (OneStepContributions.Of(problem, fit, data, residuals) is not { } shares)
        {
            return new BootstrapDraws([], [], [], options.BootstrapResamples, Method, blockLength, seed, n - parameterCount);
        }
        var running = RunningSums(shares, n, parameters);
        var boundaries = new BoundaryRows(running, n, blockLength, parameters);
        var draws = new OneStepDraws(model, problem, fit, options, options.BootstrapResamples);
        var random = new Xoshiro256StarStar(seed, threadSafe: false);
        var step = new double[parameters];
        for (var r = 0; r < options.BootstrapResamples; r++)
        {
            // A random phase keeps block boundaries from always falling on the same points, as in the full refit.
            boundaries.Step(random.Next(blockLength), random, step);
            draws.Add(step);
        }
        return new BootstrapDraws(draws.Asymptote, draws.Prediction, draws.Planning, 0, Method, blockLength, seed, n - parameterCount);
    }

    /// <summary>
    /// The running sums of the points' one-step shares (n + 1 rows of the parameters, the first 0), so a block's
    /// Gauss-Newton step is the difference of its ends' rows.
    /// </summary>
    private static double[] RunningSums(double[] shares, int count, int parameters)
    {
        var running = new double[(count + 1) * parameters];
        for (var i = 0; i < count; i++)
        {
            for (var a = 0; a < parameters; a++)
            {
                running[(i + 1) * parameters + a] = running[i * parameters + a] + shares[i * parameters + a];
            }
        }
        return running;
    }

    /// <summary>
    /// The running sums at the points where a block can end, laid out by position modulo the block length: a resample's
    /// block ends are one such class, so they are read as one row in order instead of a cache miss each across a
    /// running sum of tens of megabytes.
    /// </summary>
    private sealed class BoundaryRows
    {
        private readonly double[][] _rows;
        private readonly double[] _total;
        private readonly int _count;
        private readonly int _blockLength;
        private readonly int _parameters;

        public BoundaryRows(double[] running, int count, int blockLength, int parameters)
        {
            _count = count;
            _blockLength = blockLength;
            _parameters = parameters;
            _total = running.AsSpan(count * parameters, parameters).ToArray();
            _rows = new double[Math.Min(blockLength, count + 1)][];
            for (var residue = 0; residue < _rows.Length; residue++)
            {
                var row = new double[((count - residue) / blockLength + 1) * parameters];
                for (var k = 0; k * parameters < row.Length; k++)
                {
                    Array.Copy(running, (residue + k * blockLength) * parameters, row, k * parameters, parameters);
                }
                _rows[residue] = row;
            }
        }

        /// <summary>
        /// One resample's Gauss-Newton step: blocks ending where (i + <paramref name="phase"/>) is a multiple of the
        /// block length, each block's sum flipped by a sign drawn in block order (<see cref="BlockSigns"/>).
        /// </summary>
        public void Step(int phase, Xoshiro256StarStar random, double[] step)
        {
            Array.Clear(step);
            Span<double> previous = stackalloc double[_parameters];
            var residue = (_blockLength - phase) % _blockLength;
            var row = _rows[residue];
            var signs = new BlockSigns(random);
            for (var k = 0; k * _parameters < row.Length; k++)
            {
                var end = residue + k * _blockLength;
                if (end <= 0 || end >= _count)
                {
                    continue;
                }
                var sign = signs.Next();
                for (var a = 0; a < _parameters; a++)
                {
                    var at = row[k * _parameters + a];
                    step[a] += sign * (at - previous[a]);
                    previous[a] = at;
                }
            }
            var last = signs.Next();
            for (var a = 0; a < _parameters; a++)
            {
                step[a] += last * (_total[a] - previous[a]);
            }
        }
    }
}
