using Ledger.Core.Reporting;

namespace Ledger.Core.Fitting;

/// <summary>What the identifiability verdict looks at, gathered once the fit and its intervals are known.</summary>
internal sealed record IdentifiabilityEvidence(
    CurveModel Model,
    double[] Natural,
    bool AtSearchEdge,
    bool SingularInformation,
    double MaxCompute,
    int PointsPastMidpoint,
    double ReachedFraction,
    Interval Profile,
    Interval Bootstrap,
    double ObservedRise,
    FitOptions Options);

/// <summary>
/// Decides whether the data pin the asymptote. The rules, in order: the fit must not sit on an edge of the search
/// box; a sigmoid's data must run well past its inflection (two points beyond C_mid and the last point at least
/// <see cref="MinimumReachedFraction"/> of the way from R0 to A); the intervals on A must be closed, narrow enough
/// to gate on, and clear of any bound the metric has.
/// </summary>
internal static class Identifiability
{
    public const double MinimumReachedFraction = 0.7;
    public const int MinimumPointsPastMidpoint = 2;

    public static string? Reason(IdentifiabilityEvidence e)
    {
        var model = e.Model;
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
            (e.ReachedFraction < MinimumReachedFraction || e.PointsPastMidpoint < MinimumPointsPastMidpoint))
        {
            return $"the points do not run past the curve's inflection: the last point (C = {F(e.MaxCompute)}) is only " +
                   $"{Percent(e.ReachedFraction)} of the way from R0 to {name} and " +
                   $"{e.PointsPastMidpoint} point(s) lie beyond the fitted C_mid = {F(e.Natural[^1])}; " +
                   $"many ceilings fit such data equally well";
        }
        if (e.Profile.IsOpen)
        {
            var side = double.IsInfinity(e.Profile.Upper) ? "above" : "below";
            return $"the profile-likelihood interval on {name} is open {side}: the data are consistent with a ceiling as far {side} as one looks";
        }
        var width = Math.Max(e.Profile.Width, e.Bootstrap.IsKnown ? e.Bootstrap.Width : 0);
        var limit = WidthLimit(e.ObservedRise, e.Options);
        if (!(width <= limit))
        {
            return $"the {Percent(e.Options.ConfidenceLevel)} interval on {name} is {F(width)} wide, more than the {F(limit)} a gate can use " +
                   $"({Percent(e.Options.MaxIntervalWidthFraction)} of the observed rise {F(e.ObservedRise)})";
        }
        if (e.Options.RewardMax is { } max && (e.Profile.Upper >= max || (e.Bootstrap.IsKnown && e.Bootstrap.Upper >= max)))
        {
            return $"the interval on {name} reaches the metric's upper bound {F(max)}: the ceiling may be the bound itself";
        }
        if (e.Options.RewardMin is { } min && (e.Profile.Lower <= min || (e.Bootstrap.IsKnown && e.Bootstrap.Lower <= min)))
        {
            return $"the interval on {name} reaches the metric's lower bound {F(min)}";
        }
        return null;
    }

    public static double WidthLimit(double observedRise, FitOptions options)
    {
        var relative = options.MaxIntervalWidthFraction * observedRise;
        return options.MaxIntervalWidth is { } cap ? Math.Min(cap, relative) : relative;
    }

    private static string Describe(CurveModel model, double[] natural) =>
        string.Join(", ", model.ParameterNames.Select((name, i) => $"{name} = {F(natural[i])}"));

    private static string F(double value) => NumberFormat.Short(value);

    private static string Percent(double fraction) => NumberFormat.Percent(fraction);
}
