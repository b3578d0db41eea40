using Ledger.Core.Gating;

namespace Ledger.Core.Changes;

/// <summary>
/// The level of a run of observations: their inverse-variance weighted mean, its standard error 1 / sqrt(sum w) with
/// w = 1 / SE^2, and Satterthwaite's degrees of freedom W^2 / sum(w^2 / df). Prefix sums make any range O(1), which the
/// merging and the transition search need many times over.
/// </summary>
internal sealed class LevelSums
{
    private readonly double[] _weight;
    private readonly double[] _weightedValue;
    private readonly double[] _weightSquaredPerDf;
    private readonly int[] _unknown;
    private readonly int[] _seeds;

    public LevelSums(IReadOnlyList<AsymptoteObservation> observations)
    {
        var n = observations.Count;
        (_weight, _weightedValue, _weightSquaredPerDf) = (new double[n + 1], new double[n + 1], new double[n + 1]);
        (_unknown, _seeds) = (new int[n + 1], new int[n + 1]);
        for (var i = 0; i < n; i++)
        {
            var a = observations[i].A;
            var w = Weight(a);
            _weight[i + 1] = _weight[i] + w;
            _weightedValue[i + 1] = _weightedValue[i] + w * a.Value;
            _weightSquaredPerDf[i + 1] = _weightSquaredPerDf[i] + w * w / a.DegreesOfFreedom;
            _unknown[i + 1] = _unknown[i] + (a.KnowsSeedVariance ? 0 : 1);
            _seeds[i + 1] = _seeds[i] + a.Seeds;
        }
    }

    /// <summary>1 / SE^2: the weight of a measurement in a level (and, squared-rooted, in the L1 segmentation).</summary>
    public static double Weight(SeedLevelEstimate a) => 1 / (a.StandardError * a.StandardError);

    /// <summary>The sums of w and w y over observations <paramref name="from"/> to <paramref name="to"/> (inclusive).</summary>
    public (double Weight, double WeightedValue) Sums(int from, int to) =>
        (_weight[to + 1] - _weight[from], _weightedValue[to + 1] - _weightedValue[from]);

    /// <summary>
    /// The level of observations <paramref name="from"/> to <paramref name="to"/> (inclusive). Its basis says only whether
    /// every measurement knows its seed variance (a level is not one recipe's seeds): without that, no change is claimed.
    /// </summary>
    public SeedLevelEstimate Level(int from, int to)
    {
        var (weight, weightedValue) = Sums(from, to);
        var degrees = weight * weight / (_weightSquaredPerDf[to + 1] - _weightSquaredPerDf[from]);
        var basis = _unknown[to + 1] - _unknown[from] == 0 ? UncertaintyBasis.Seeds : UncertaintyBasis.WithinRun;
        return new SeedLevelEstimate(weightedValue / weight, Math.Sqrt(1 / weight), Math.Max(degrees, 1), basis, _seeds[to + 1] - _seeds[from]);
    }
}
