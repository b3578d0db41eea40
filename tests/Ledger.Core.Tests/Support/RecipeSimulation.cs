using Ledger.Core.Fitting;
using Ledger.Core.Ingest;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace Ledger.Core.Tests.Support;

/// <summary>
/// Simulated recipes the way RL runs look: several seeds whose ceiling A varies run to run, evaluated through the
/// inflection, with autocorrelated evaluation noise (AR(1)). The truth is known, so the gate can be measured.
/// </summary>
public sealed class RecipeSimulation(int seed)
{
    public const double SeedSpreadOfA = 0.01;
    public const double NoiseSd = 0.006;
    public const double NoiseAutocorrelation = 0.5;

    private readonly Xoshiro256StarStar _random = new(seed, threadSafe: false);

    public const double R0 = 0.05;

    /// <summary>Runs of one recipe: each seed's A drawn around <paramref name="a"/>; points up to <paramref name="maxCompute"/>.</summary>
    public IReadOnlyList<RunLog> Runs(string recipe, double a, int seeds, double maxCompute = 30000, int points = 20, double seedSpread = SeedSpreadOfA)
    {
        var normal = new Normal(0, 1, _random);
        var truth = new SigmoidTruth(R0: R0, A: a, B: 1.5, CMid: 2000);
        return Enumerable.Range(0, seeds)
            .Select(s => Run(recipe, s, (truth with { A = a + seedSpread * normal.Sample() }).At, maxCompute, points, normal))
            .ToList();
    }

    /// <summary>Runs whose training broke: the metric stays at R0, with the same evaluation noise.</summary>
    public IReadOnlyList<RunLog> BrokenRuns(string recipe, int seeds, double maxCompute = 30000, int points = 20)
    {
        var normal = new Normal(0, 1, _random);
        return Enumerable.Range(0, seeds).Select(s => Run(recipe, s, _ => R0, maxCompute, points, normal)).ToList();
    }

    private static RunLog Run(string recipe, int seed, Func<double, double> truth, double maxCompute, int points, Normal normal)
    {
        var noise = 0.0;
        var curve = new List<CurvePoint>();
        foreach (var c in SigmoidTruth.LogSpaced(200, maxCompute, points))
        {
            noise = NoiseAutocorrelation * noise + Math.Sqrt(1 - NoiseAutocorrelation * NoiseAutocorrelation) * NoiseSd * normal.Sample();
            curve.Add(new CurvePoint(c, truth(c) + noise));
        }
        return new RunLog(recipe, $"seed{seed}", $"{recipe}/seed{seed}.csv", "csv", ComputeMapping.FromColumn("compute"), "reward", curve, []);
    }

    public double UniformA() => 0.6 + 0.25 * _random.NextDouble();
}
