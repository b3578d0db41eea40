namespace Ledger.Core.Gating;

/// <summary>
/// The test of one recipe's change between the baseline and this build, with the tolerance as a margin: the null
/// hypothesis is "got worse by at most the tolerance", so a recipe regresses only when the data show it got worse by
/// more. The two sides' seed-level uncertainties combine with Welch-Satterthwaite degrees of freedom. The mirror test
/// ("got better by more than the tolerance") reads improvements.
/// </summary>
/// <param name="Delta">Now minus baseline.</param>
/// <param name="Worsening">The change in the bad direction: -Delta, or Delta for a metric where lower is better.</param>
/// <param name="PWorse">P-value of "worse by at most the tolerance"; NaN when the seed variance is unknown on either side.</param>
/// <param name="PBetter">P-value of "better by at most the tolerance"; NaN likewise.</param>
/// <param name="Weak">The test cannot show a change of three tolerances even half the time: it says little either way.</param>
public sealed record ChangeTest(double Delta, double Worsening, double StandardError, double DegreesOfFreedom, double PWorse, double PBetter,
    bool KnowsSeedVariance, bool Weak)
{
    public static ChangeTest Of(SeedLevelEstimate now, SeedLevelEstimate before, double tolerance, bool lowerIsBetter, double alpha)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(before);
        var delta = now.Value - before.Value;
        var worsening = lowerIsBetter ? delta : -delta;
        var (varianceNow, varianceBefore) = (now.StandardError * now.StandardError, before.StandardError * before.StandardError);
        var variance = varianceNow + varianceBefore;
        var se = Math.Sqrt(variance);
        var degrees = WelchSatterthwaite(varianceNow, now.DegreesOfFreedom, varianceBefore, before.DegreesOfFreedom);
        var knows = now.KnowsSeedVariance && before.KnowsSeedVariance;
        var pWorse = knows ? PValue(worsening - tolerance, se, degrees) : double.NaN;
        var pBetter = knows ? PValue(-worsening - tolerance, se, degrees) : double.NaN;
        var weak = !knows || TDistribution.Quantile(degrees, 1 - alpha) * se > 2 * tolerance;
        return new ChangeTest(delta, worsening, se, degrees, pWorse, pBetter, knows, weak);
    }

    /// <summary>The two-sided interval on the change at <paramref name="level"/>.</summary>
    public Fitting.Interval Interval(double level)
    {
        var half = TDistribution.Quantile(DegreesOfFreedom, 0.5 + level / 2) * StandardError;
        return new Fitting.Interval(Delta - half, Delta + half);
    }

    private static double PValue(double excess, double se, double degrees) =>
        se > 0 ? TDistribution.UpperTail(degrees, excess / se) : excess > 0 ? 0 : 1;

    private static double WelchSatterthwaite(double varianceA, double degreesA, double varianceB, double degreesB)
    {
        var numerator = (varianceA + varianceB) * (varianceA + varianceB);
        var denominator = varianceA * varianceA / degreesA + varianceB * varianceB / degreesB;
        return denominator > 0 ? numerator / denominator : Math.Min(degreesA, degreesB);
    }
}
