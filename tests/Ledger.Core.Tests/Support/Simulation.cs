using Ledger.Core.Fitting;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace Ledger.Core.Tests.Support;

/// <summary>Known-truth sigmoid curves with seeded noise: the truth the fit engine is checked against.</summary>
public sealed record SigmoidTruth(double R0, double A, double B, double CMid)
{
    public double At(double compute) => compute == 0 ? R0 : R0 + (A - R0) / (1 + Math.Pow(CMid / compute, B));

    /// <summary>Rewards at the given computes with multiplicative Gaussian noise of the given relative size.</summary>
    public double[] Draw(double[] compute, double relativeNoise, int seed)
    {
        var normal = new Normal(0, 1, new Xoshiro256StarStar(seed, threadSafe: false));
        return compute.Select(c => At(c) * (1 + relativeNoise * normal.Sample())).ToArray();
    }

    /// <summary>Rewards with additive Gaussian noise of a fixed size: what a fixed-size evaluation set gives.</summary>
    public double[] DrawAdditive(double[] compute, double noise, int seed)
    {
        var normal = new Normal(0, 1, new Xoshiro256StarStar(seed, threadSafe: false));
        return compute.Select(c => At(c) + noise * normal.Sample()).ToArray();
    }

    public static double[] LogSpaced(double from, double to, int count) =>
        Enumerable.Range(0, count).Select(i => from * Math.Pow(to / from, i / (count - 1.0))).ToArray();
}
