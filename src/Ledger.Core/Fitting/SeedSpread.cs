namespace Ledger.Core.Fitting;

/// <summary>
/// How far one seed's asymptote strays from the recipe's, estimated from the spread between the runs fitted together:
/// the variance of a single seed's A, with runs - 1 degrees of freedom. Seeds are the real replicates of a recipe: each
/// has its own ceiling, and its points share that ceiling's luck, so the uncertainty of A comes from how much the runs
/// disagree, not from how many points they hold. The estimator is the cluster-robust sandwich over runs (CR1, with
/// k / (k - 1) for the k clusters) of the pooled fit, times k: with equal runs, exactly the sample variance of the
/// runs' own ceilings to first order. The gate moderates it (<see cref="Gating.SeedVariancePrior"/>), since one to
/// four degrees of freedom make a noisy variance.
/// </summary>
public sealed record SeedSpread(double Variance, int DegreesOfFreedom)
{
    /// <summary>The seed variance of the natural parameter <paramref name="parameter"/>, or null with fewer than two runs.</summary>
    internal static SeedSpread? Of(PointInfluence influence, int parameter)
    {
        var k = influence.RunCount;
        if (k < 2)
            return null;
        var sums = new double[k];
        var weights = influence.Weights[parameter];
        for (var i = 0; i < weights.Length; i++)
            sums[influence.RunIndex[i]] += weights[i] * influence.Residuals[i];
        var mean = sums.Average();
        var squares = sums.Sum(s => (s - mean) * (s - mean));
        var clusterVariance = k / (k - 1.0) * squares;
        return new SeedSpread(k * clusterVariance, k - 1);
    }
}
