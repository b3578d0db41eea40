using Ledger.Core.Fitting;
using Ledger.Core.Tests.Support;
using MathNet.Numerics.Random;
using Xunit.Abstractions;

namespace Ledger.Core.Tests.Fitting;

/// <summary>
/// The bootstrap of one or two short runs refits each resample from where one Gauss-Newton step lands, and stops
/// within a hundredth of a standard error of its optimum. Each such draw must be the resample's real optimum: the
/// same resample refitted from the fit itself and converged to the last digit, as the bootstrap did before, lands
/// within a few hundredths of a standard error of A from it, in the same valley.
/// </summary>
public class ResampleRefitTests(ITestOutputHelper output)
{
    private const int Resamples = 300;

    public static TheoryData<string, double, double, double> Runs => new()
    {
        // name, last compute (C_mid is 1,000), noise (share of A), lag-1 autocorrelation of the noise
        { "past the bend", 20_000, 0.02, 0 },
        { "to 3 C_mid, noisy", 3_000, 0.03, 0 },
        { "autocorrelated", 20_000, 0.02, 0.6 },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Every_resample_refit_lands_on_the_optimum_a_full_refit_finds(string name, double lastCompute, double noise, double rho)
    {
        var truth = new SigmoidTruth(R0: 0.1, A: 0.7, B: 1.5, CMid: 1000);
        var compute = SigmoidTruth.LogSpaced(50, lastCompute, 100);
        var data = FitData.FromPoints(compute, Autocorrelated(truth, compute, noise * truth.A, rho, seed: 11));
        var options = new FitOptions();
        var standardError = CurveFitter.Fit(name, data, options).Parameter("A")!.StandardError;

        var model = CurveModel.For(options);
        var logCompute = compute.Select(c => Math.Log(c)).ToArray();
        var problem = model.Problem(SearchBox.For(options.Model, logCompute.Min(), logCompute.Max()));
        var groups = ComputeGroups.Of(data.Compute);
        var points = groups.Collapse(data.Reward, null);
        var solver = new VarProSolver(points.Count);
        var fit = GridStart.Fit(solver, problem, points);
        var parameters = problem.LinearCount + problem.NonlinearCount;
        var variance = fit.Sse / (data.Count - parameters);
        var leverage = Covariance.Leverage(problem, fit, data, Covariance.Internal(problem, fit, points, variance), variance);
        var resample = new BootstrapResampler.BlockResample(data, groups, problem, fit, new Xoshiro256StarStar(5, threadSafe: false), leverage);
        var convergence = Convergence.Within(0.01, data.Count - parameters);
        var full = new VarProSolver(points.Count);

        var largest = 0.0;
        for (var r = 0; r < Resamples; r++)
        {
            var drawn = resample.Next();
            var (t0, t1) = resample.OneStepTheta(fit);
            var fast = solver.Refine(problem, drawn, t0, t1, convergence: convergence);
            var exact = full.Refine(problem, drawn, fit.T0, fit.T1);
            Assert.True(fast.IsFinite && exact.IsFinite, $"resample {r} did not refit");
            largest = Math.Max(largest, Math.Abs(model.Natural(fast)[1] - model.Natural(exact)[1]) / standardError);
        }

        output.WriteLine($"{name}: A's SE {standardError:G3}, block length {resample.BlockLength}, largest gap {largest:G3} SE over {Resamples} resamples");
        Assert.True(largest < 0.03, $"a resample's refit stopped {largest:G3} standard errors of A from its optimum");
    }

    /// <summary>The truth plus Gaussian AR(1) noise of the given size.</summary>
    private static double[] Autocorrelated(SigmoidTruth truth, double[] compute, double noise, double rho, int seed)
    {
        var normal = new MathNet.Numerics.Distributions.Normal(0, 1, new Xoshiro256StarStar(seed, threadSafe: false));
        var e = 0.0;
        return compute.Select(c =>
        {
            e = rho * e + Math.Sqrt(1 - rho * rho) * normal.Sample();
            return truth.At(c) + noise * e;
        }).ToArray();
    }
}
