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

    /// <summary>Runs of one recipe: each seed's A drawn around <paramref name="a"/>; points up to <paramref name="maxCompute"/>.</summary>
    public IReadOnlyList<RunLog> Runs(string recipe, double a, int seeds, double maxCompute = 30000, int points = 20)
    {
        var normal = new Normal(0, 1, _random);
        var truth = new SigmoidTruth(R0: 0.05, A: a, B: 1.5, CMid: 2000);
        var compute = SigmoidTruth.LogSpaced(200, maxCompute, points);
        var runs = new List<RunLog>();
        for (var s = 0; s < seeds; s++)
        {
            var runTruth = truth with { A = a + SeedSpreadOfA * normal.Sample() };
            var noise = 0.0;
            var curve = new List<CurvePoint>();
            foreach (var c in compute)
            {
                noise = NoiseAutocorrelation * noise + Math.Sqrt(1 - NoiseAutocorrelation * NoiseAutocorrelation) * NoiseSd * normal.Sample();
                curve.Add(new CurvePoint(c, runTruth.At(c) + noise));
            }
            runs.Add(new RunLog(recipe, $"seed{s}", $"{recipe}/seed{s}.csv", "csv", ComputeMapping.FromColumn("compute"), "reward", curve, []));
        }
        return runs;
    }

    public double UniformA() => 0.6 + 0.25 * _random.NextDouble();
}
