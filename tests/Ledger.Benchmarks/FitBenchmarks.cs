using BenchmarkDotNet.Attributes;
using Ledger.Core.Fitting;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace Ledger.Benchmarks;

/// <summary>
/// One sigmoid4 fit of 100 points (the target: about 11 us, 20x faster than scipy's curve_fit at 219 us),
/// and the same fit with its 1,000-resample bootstrap (target: at most 100 ms).
/// </summary>
[MemoryDiagnoser]
public class FitBenchmarks
{
    private FitData _data = null!;
    private static readonly FitOptions PointFitOnly = new() { BootstrapResamples = 0 };
    private static readonly FitOptions WithBootstrap = new() { BootstrapResamples = 1000 };
    private VarProSolver _solver = null!;
    private ReducedProblem _problem;
    private PointSet _points = null!;

    [GlobalSetup]
    public void Setup()
    {
        var compute = Enumerable.Range(0, 100).Select(i => 100 * Math.Pow(200, i / 99.0)).ToArray();
        var normal = new Normal(0, 1, new Xoshiro256StarStar(42, threadSafe: false));
        var reward = compute.Select(c => 0.1 + 0.6 / (1 + Math.Pow(1000 / c, 1.5)) + 0.007 * normal.Sample()).ToArray();
        _data = FitData.FromPoints(compute, reward);
        _solver = new VarProSolver(100);
        _points = PointSet.Collapse(_data);
        _problem = new Sigmoid4Model().Problem(SearchBox.Sigmoid(Math.Log(compute[0]), Math.Log(compute[^1])));
    }

    /// <summary>The solve alone: grid start and Levenberg-Marquardt, the part scipy's curve_fit does.</summary>
    [Benchmark(Baseline = true)]
    public double Solve() => GridStart.Fit(_solver, _problem, _points).Sse;

    /// <summary>The whole fit without the bootstrap: solve, covariance, profile interval, identifiability.</summary>
    [Benchmark]
    public CurveFit FitWithoutBootstrap() => CurveFitter.Fit("bench", _data, PointFitOnly);

    [Benchmark]
    public CurveFit FitWithBootstrap1000() => CurveFitter.Fit("bench", _data, WithBootstrap);
}
