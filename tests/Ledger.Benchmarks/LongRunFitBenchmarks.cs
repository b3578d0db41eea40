using BenchmarkDotNet.Attributes;
using Ledger.Core.Fitting;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace Ledger.Benchmarks;

/// <summary>
/// One long run fitted with its default intervals (the 1,000-resample bootstrap): 30,000, 100,000 and 1,000,000 points
/// of a sigmoid4 with AR(1) noise (rho 0.5), every point a compute of its own, as a run logged at every step. Issue 17's
/// goal: a 1M-point run in under 5 s as a whole `ledger curve` process; the fit was 7 s at 30k points and over 120 s at
/// 1M when each resample refitted every point.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class LongRunFitBenchmarks
{
    private FitData _data = null!;
    private static readonly FitOptions Default = new();

    [Params(30_000, 100_000, 1_000_000)]
    public int Points { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var normal = new Normal(0, 1, new Xoshiro256StarStar(17, threadSafe: false));
        var compute = new double[Points];
        var reward = new double[Points];
        var noise = 0.0;
        for (var i = 0; i < Points; i++)
        {
            compute[i] = 100 + 99_900.0 * i / (Points - 1);
            noise = 0.5 * noise + Math.Sqrt(1 - 0.25) * 0.01 * normal.Sample();
            reward[i] = 0.05 + 0.75 / (1 + Math.Pow(5000 / compute[i], 1.4)) + noise;
        }
        _data = FitData.FromPoints(compute, reward);
    }

    [Benchmark]
    public CurveFit FitWithDefaultBootstrap() => CurveFitter.Fit("long", _data, Default);
}
