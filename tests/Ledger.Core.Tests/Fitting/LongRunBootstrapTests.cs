using Ledger.Core.Fitting;
using Ledger.Core.Tests.Support;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;
using Xunit.Abstractions;

namespace Ledger.Core.Tests.Fitting;

/// <summary>
/// The long-run path (<see cref="LongRun"/>): the one-step block bootstrap from per-block sums must cover the truth at
/// its nominal rate on long autocorrelated runs, and agree with the full-refit block bootstrap where both can run.
/// </summary>
public class LongRunBootstrapTests(ITestOutputHelper output)
{
    private static readonly SigmoidTruth Truth = new(R0: 0.05, A: 0.8, B: 1.4, CMid: 2000);
    private const double NoiseSd = 0.01;
    private const double Rho = 0.5;

    /// <summary>
    /// 300 single runs of 12,000 AR(1) points (rho 0.5), each past the long-run bound: the bootstrap's 95 % interval on A
    /// must cover the A the run was drawn from between 90 % and 99 % of the time. 300 draws tell 95 % from 85 % (their
    /// binomial SDs are 1.3 and 2.1 points, so 90 % is 4 and 2.4 SDs from them).
    /// </summary>
    [Fact]
    public void Block_sum_bootstrap_interval_on_A_covers_the_truth_at_its_nominal_rate_on_long_AR1_runs()
    {
        const int runs = 300;
        const int points = 12_000;
        var compute = SigmoidTruth.LogSpaced(100, 40_000, points);
        int covered = 0, identified = 0;
        var widths = new List<double>();
        var estimates = new List<double>();
        var bootstrapSes = new List<double>();
        var waldSes = new List<double>();
        var wald = 0;
        for (var seed = 1; seed <= runs; seed++)
        {
            var fit = CurveFitter.Fit("long", FitData.FromPoints(compute, DrawAr1(compute, seed)), new FitOptions());
            Assert.Equal(BlockSumBootstrap.Method, fit.Bootstrap!.Method);
            Assert.Equal(0, fit.Bootstrap.Failed);
            identified += fit.Status == FitStatus.Ok ? 1 : 0;
            covered += fit.BootstrapInterval.Contains(Truth.A) ? 1 : 0;
            widths.Add(fit.BootstrapInterval.Upper - fit.BootstrapInterval.Lower);
            estimates.Add(fit.Parameter("A")!.Value);
            bootstrapSes.Add(fit.BootstrapStandardError);
            waldSes.Add(fit.Parameter("A")!.StandardError);
            wald += fit.Parameter("A")!.Interval.Contains(Truth.A) ? 1 : 0;
        }
        var rate = (double)covered / runs;
        output.WriteLine($"{runs} runs of {points} AR(1) points: bootstrap interval on A covered {covered} ({rate:P1}), " +
                         $"{identified} identified, median width {widths.Median():G3}; SD of A over runs {estimates.StandardDeviation():G3}, mean A - truth {estimates.Mean() - Truth.A:G3}, " +
                         $"median bootstrap SE {bootstrapSes.Median():G3}, median inflated Wald SE {waldSes.Median():G3} (Wald covered {wald})");
        Assert.Equal(runs, identified);
        Assert.InRange(rate, 0.90, 0.99);
    }

    /// <summary>
    /// On runs short enough for the full-refit bootstrap (5,000 AR(1) points), the one-step bootstrap from block sums
    /// gives the same spread of A and the same interval, up to the Monte Carlo error of 1,000 resamples each.
    /// </summary>
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Block_sum_bootstrap_agrees_with_the_full_refit_bootstrap(int seed)
    {
        var compute = SigmoidTruth.LogSpaced(100, 40_000, 5_000);
        var setup = new FitSetup(FitData.FromPoints(compute, DrawAr1(compute, seed)));
        var full = setup.Bootstrap(BootstrapResampler.Run);
        var oneStep = setup.Bootstrap((CurveModel model, in ReducedProblem problem, FitData data, ComputeGroups _, in SolverResult fit, FitOptions options, int s, double[] leverage, int p) =>
            BlockSumBootstrap.Run(model, problem, data, fit, options, s, leverage, p));

        Assert.Equal("residual-blocks", full.Method);
        Assert.Equal(BlockSumBootstrap.Method, oneStep.Method);
        Assert.Equal(full.BlockLength, oneStep.BlockLength);
        var fullSd = full.Asymptote.StandardDeviation();
        var oneStepSd = oneStep.Asymptote.StandardDeviation();
        var fullInterval = (Lower: full.Asymptote.Quantile(0.025), Upper: full.Asymptote.Quantile(0.975));
        var oneStepInterval = (Lower: oneStep.Asymptote.Quantile(0.025), Upper: oneStep.Asymptote.Quantile(0.975));
        output.WriteLine($"seed {seed}: SD of A full {fullSd:G4} one-step {oneStepSd:G4}; 95 % full [{fullInterval.Lower:G6}, {fullInterval.Upper:G6}] " +
                         $"one-step [{oneStepInterval.Lower:G6}, {oneStepInterval.Upper:G6}]; block length {full.BlockLength}");
        // 1,000 draws estimate an SD to about 2.2 % and a 2.5 % quantile to about 8 % of the SD.
        Assert.InRange(oneStepSd / fullSd, 0.9, 1.1);
        Assert.True(Math.Abs(oneStepInterval.Lower - fullInterval.Lower) < 0.3 * fullSd, "lower ends differ");
        Assert.True(Math.Abs(oneStepInterval.Upper - fullInterval.Upper) < 0.3 * fullSd, "upper ends differ");
        Assert.InRange(oneStep.Asymptote.Mean(), full.Asymptote.Mean() - 0.2 * fullSd, full.Asymptote.Mean() + 0.2 * fullSd);
        Assert.InRange(oneStep.LogPlanning.StandardDeviation() / full.LogPlanning.StandardDeviation(), 0.9, 1.1);
    }

    /// <summary>
    /// A long run's profile interval is found on its condensed points: it must match the profile over all 20,000
    /// points, computed here the slow way with the fitter's own threshold, to a small part of its width.
    /// </summary>
    [Fact]
    public void Profile_interval_on_condensed_points_matches_the_profile_over_every_point()
    {
        var compute = SigmoidTruth.LogSpaced(100, 40_000, 20_000);
        var data = FitData.FromPoints(compute, DrawAr1(compute, 5));
        var fit = CurveFitter.Fit("long", data, new FitOptions());
        var setup = new FitSetup(data);
        var degrees = data.Count - 4;
        var t = StudentT.InvCDF(0, 1, degrees, 0.975);
        var excess = fit.Sse / degrees * fit.AutocorrelationInflation * t * t;
        var a = fit.Parameter("A")!;
        var exact = ProfileLikelihood.Asymptote(setup.Model, setup.Box, setup.Solver, setup.Points, setup.Fit, a.Value,
            a.StandardError, setup.Fit.Sse + excess);
        output.WriteLine($"profile on 4,096 condensed points [{fit.ProfileInterval.Lower:G8}, {fit.ProfileInterval.Upper:G8}], " +
                         $"over all 20,000 [{exact.Lower:G8}, {exact.Upper:G8}]");
        var width = exact.Upper - exact.Lower;
        Assert.True(width > 0);
        Assert.True(Math.Abs(exact.Lower - fit.ProfileInterval.Lower) < 0.01 * width, "lower ends differ");
        Assert.True(Math.Abs(exact.Upper - fit.ProfileInterval.Upper) < 0.01 * width, "upper ends differ");
    }

    private static double[] DrawAr1(double[] compute, int seed)
    {
        var normal = new Normal(0, 1, new Xoshiro256StarStar(seed, threadSafe: false));
        var noise = 0.0;
        var reward = new double[compute.Length];
        for (var i = 0; i < compute.Length; i++)
        {
            noise = Rho * noise + Math.Sqrt(1 - Rho * Rho) * NoiseSd * normal.Sample();
            reward[i] = Truth.At(compute[i]) + noise;
        }
        return reward;
    }

    private delegate BootstrapDraws Resampler(CurveModel model, in ReducedProblem problem, FitData data, ComputeGroups groups,
        in SolverResult fit, FitOptions options, int seed, double[] leverage, int parameterCount);

    /// <summary>The fitted optimum and leverages a bootstrap starts from, made as the fitter makes them.</summary>
    private sealed class FitSetup
    {
        public FitSetup(FitData data)
        {
            Data = data;
            Model = CurveModel.For(Options);
            Box = SearchBox.For(Options.Model, data.LogCompute.Min(), data.LogCompute.Max());
            Problem = Model.Problem(Box);
            Groups = ComputeGroups.Of(data.Compute);
            Points = Groups.Collapse(data.Reward, null);
            Solver = new VarProSolver(Points.Count);
            Fit = GridStart.Fit(Solver, Problem, Points);
        }

        public FitOptions Options { get; } = new();
        public FitData Data { get; }
        public CurveModel Model { get; }
        public ParameterBox Box { get; }
        public ReducedProblem Problem { get; }
        public ComputeGroups Groups { get; }
        public PointSet Points { get; }
        public VarProSolver Solver { get; }
        public SolverResult Fit { get; }

        public BootstrapDraws Bootstrap(Resampler resampler)
        {
            var parameters = Problem.LinearCount + Problem.NonlinearCount;
            var variance = (Fit.Sse + Points.ConstantSse) / (Data.Count - parameters);
            var covariance = Covariance.Internal(Problem, Fit, Points, variance);
            var leverage = Covariance.Leverage(Problem, Fit, Data, covariance, variance);
            return resampler(Model, Problem, Data, Groups, Fit, Options, 1234, leverage, parameters);
        }
    }
}
