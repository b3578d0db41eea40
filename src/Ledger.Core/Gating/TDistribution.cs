using MathNet.Numerics.Distributions;

namespace Ledger.Core.Gating;

/// <summary>Student's t with any degrees of freedom, infinitely many (a prior taken as known) being the normal.</summary>
internal static class TDistribution
{
    private const double NormalBeyond = 1e7;

    /// <summary>MathNet's quantile, kept per process (<see cref="Fitting.Quantiles"/>): its root search took 15-40 us a call, once per recipe.</summary>
    public static double Quantile(double degreesOfFreedom, double p) =>
        degreesOfFreedom >= NormalBeyond ? Normal.InvCDF(0, 1, p) : Fitting.Quantiles.StudentT(degreesOfFreedom, p);

    /// <summary>P(T > t).</summary>
    public static double UpperTail(double degreesOfFreedom, double t) =>
        degreesOfFreedom >= NormalBeyond ? 1 - Normal.CDF(0, 1, t) : 1 - StudentT.CDF(0, 1, degreesOfFreedom, t);
}
