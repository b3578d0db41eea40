using Ledger.Core.Reporting;

namespace Ledger.Core.Fitting;

/// <summary>What the identifiability verdict looks at, gathered once the fit and its intervals are known.</summary>
internal sealed record IdentifiabilityEvidence(
    CurveModel Model,
    double[] Natural,
    bool AtSearchEdge,
    bool SingularInformation,
    bool StoppedAtCap,
    double MaxCompute,
    int ComputesPastMidpoint,
    double ReachedFraction,
    Interval Profile,
    Interval Bootstrap,
    double RobustRise,
    FitOptions Options);

/// <summary>
/// Decides whether the data pin the asymptote. The rules, in order: the solver must have converged and the fit must
/// not sit on an edge of the search box; a sigmoid's data must run well past its inflection (two distinct computes
/// beyond C_mid, however many seeds were evaluated there, and the last point at least
/// <see cref="MinimumReachedFraction"/> of the way from R0 to A); the intervals on A must be closed, clear of any bound
/// the metric has, and the profile interval narrow enough to gate on (see <see cref="WidthLimit"/>).
/// </summary>
internal static class Identifiability
{
    public const double MinimumReachedFraction = 0.7;
    public const int MinimumComputesPastMidpoint = 2;

    /// <summary>The rise is read between these quantiles of the metric, so one crashed evaluation cannot stretch it.</summary>
    public const double RiseQuantile = 0.05;

    public static string? Reason(IdentifiabilityEvidence e)
    {
        var model = e.Model;
        if (e.StoppedAtCap)
        {
            return "the solver stopped at its iteration cap before it converged: the fit is not a minimum Ledger can vouch for";
        }
        if (e.AtSearchEdge)
        {
            return $"the fit ends on the edge of the search ({Describe(model, e.Natural)}): the data do not pin the curve's shape";
        }
        if (e.SingularInformation)
        {
            return "the parameters cannot be told apart at this fit (the information matrix is singular)";
        }
        if (model.AsymptoteIndex is not { } index)
        {
            return null;
        }
        var name = model.ParameterNames[index];
        if (model.Kind is CurveModelKind.Sigmoid or CurveModelKind.Sigmoid4 &&
            (e.ReachedFraction < MinimumReachedFraction || e.ComputesPastMidpoint < MinimumComputesPastMidpoint))
        {
            return $"the points do not run past the curve's inflection: the last point (C = {F(e.MaxCompute)}) is only " +
                   $"{Percent(e.ReachedFraction)} of the way from R0 to {name} and " +
                   $"{e.ComputesPastMidpoint} distinct compute value(s) lie beyond the fitted C_mid = {F(e.Natural[^1])}; " +
                   $"many ceilings fit such data equally well";
        }
        if (e.Profile.IsOpen)
        {
            var side = double.IsInfinity(e.Profile.Upper) ? "above" : "below";
            return $"the profile-likelihood interval on {name} is open {side}: the data are consistent with a ceiling as far {side} as one looks";
        }
        if (e.Options.RewardMax is { } max && (e.Profile.Upper >= max || (e.Bootstrap.IsKnown && e.Bootstrap.Upper >= max)))
        {
            return $"the interval on {name} reaches the metric's upper bound {F(max)}: the ceiling may be the bound itself";
        }
        if (e.Options.RewardMin is { } min && (e.Profile.Lower <= min || (e.Bootstrap.IsKnown && e.Bootstrap.Lower <= min)))
        {
            return $"the interval on {name} reaches the metric's lower bound {F(min)}";
        }
        // The profile alone: it measures how well the curve's shape pins A. How far seeds stray from one another is the
        // gate's business (AsymptoteUncertainty), not a property of one fit's identifiability.
        var width = e.Profile.Width;
        var limit = WidthLimit(e.RobustRise, e.Options);
        if (!(width <= limit))
        {
            return $"the {Percent(e.Options.ConfidenceLevel)} interval on {name} is {F(width)} wide, more than the {F(limit)} a gate can use " +
                   $"({WidthRule(e.RobustRise, e.Options)}): the data cannot show a change of the tolerance";
        }
        return null;
    }

    /// <summary>
    /// The widest interval on A a gate can use: the least of <see cref="FitOptions.MaxIntervalWidthFraction"/> of the
    /// metric's rise, <see cref="FitOptions.IntervalWidthPerTolerance"/> tolerances (wider, and a drop of a few
    /// tolerances would hide inside it), and the absolute cap when one is set.
    /// </summary>
    public static double WidthLimit(double robustRise, FitOptions options)
    {
        var byTolerance = options.Tolerance > 0 ? FitOptions.IntervalWidthPerTolerance * options.Tolerance : double.PositiveInfinity;
        var limit = Math.Min(options.MaxIntervalWidthFraction * robustRise, byTolerance);
        return options.MaxIntervalWidth is { } cap ? Math.Min(cap, limit) : limit;
    }

    private static string WidthRule(double robustRise, FitOptions options)
    {
        var byRise = options.MaxIntervalWidthFraction * robustRise;
        var byTolerance = options.Tolerance > 0 ? FitOptions.IntervalWidthPerTolerance * options.Tolerance : double.PositiveInfinity;
        if (options.MaxIntervalWidth is { } cap && cap <= Math.Min(byRise, byTolerance))
            return $"the cap --max-a-width {F(cap)}";
        return byTolerance <= byRise
            ? $"{F(FitOptions.IntervalWidthPerTolerance)} times the tolerance {F(options.Tolerance)}"
            : $"{Percent(options.MaxIntervalWidthFraction)} of the metric's rise {F(robustRise)}";
    }

    /// <summary>The metric's rise between its 5th and 95th percentiles, not max - min: one crashed evaluation must not widen what a gate accepts.</summary>
    public static double RobustRise(double[] reward)
    {
        // Selection, not a sort of a long run's million rewards: the same R-8 quantiles, the same bits.
        var values = (double[])reward.Clone();
        return MathNet.Numerics.Statistics.ArrayStatistics.QuantileInplace(values, 1 - RiseQuantile)
               - MathNet.Numerics.Statistics.ArrayStatistics.QuantileInplace(values, RiseQuantile);
    }

    private static string Describe(CurveModel model, double[] natural) =>
        string.Join(", ", model.ParameterNames.Select((name, i) => $"{name} = {F(natural[i])}"));

    private static string F(double value) => NumberFormat.Short(value);

    private static string Percent(double fraction) => NumberFormat.Percent(fraction);
}
