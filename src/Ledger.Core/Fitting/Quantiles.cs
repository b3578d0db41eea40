using System.Collections.Concurrent;

namespace Ledger.Core.Fitting;

/// <summary>
/// The distribution quantiles every fit asks for, each worked out once per process: a thousand recipes of one length at
/// one confidence level share one Student t quantile, whose series (incomplete beta and log-gamma) would otherwise be
/// summed a thousand times. The values are MathNet's, bit for bit.
/// </summary>
internal static class Quantiles
{
    private static readonly ConcurrentDictionary<(double Freedom, double P), double> StudentTs = new();
    private static readonly ConcurrentDictionary<(double Freedom, double P), double> ChiSquareds = new();

    /// <summary>The <paramref name="p"/> quantile of the standard Student t with <paramref name="freedom"/> degrees of freedom.</summary>
    public static double StudentT(double freedom, double p) =>
        StudentTs.GetOrAdd((freedom, p), key => MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, key.Freedom, key.P));

    public static double ChiSquared(double freedom, double p) =>
        ChiSquareds.GetOrAdd((freedom, p), key => MathNet.Numerics.Distributions.ChiSquared.InvCDF(key.Freedom, key.P));
}
