namespace Ledger.Core.Fitting;

/// <summary>
/// Everything besides the points that decides a fit. A fit is a pure function of its points and these options,
/// so every property takes part in the fit's input digest.
/// </summary>
public sealed record FitOptions
{
    public CurveModelKind Model { get; init; } = CurveModelKind.Sigmoid4;

    /// <summary>Fixes R0 for the sigmoid models (the 3-parameter sigmoid uses 0 when this is null).</summary>
    public double? FixedR0 { get; init; }

    /// <summary>A bound the metric cannot pass (a pass rate cannot exceed 1): an interval on A that reaches it is unidentified.</summary>
    public double? RewardMax { get; init; }

    /// <summary>A bound the metric cannot fall below (a loss cannot go under 0).</summary>
    public double? RewardMin { get; init; }

    public int BootstrapResamples { get; init; } = 1000;

    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>
    /// An interval on A wider than this fraction of the rise the data show (max minus min observed metric) is too
    /// wide to gate on: the fit is unidentified.
    /// </summary>
    public double MaxIntervalWidthFraction { get; init; } = 0.4;

    /// <summary>An absolute cap on the width of the interval on A, in metric units (none by default).</summary>
    public double? MaxIntervalWidth { get; init; }

    /// <summary>
    /// The change in A that matters, in metric units: the gate's tolerance (default 0.02). An interval on A wider than
    /// <see cref="IntervalWidthPerTolerance"/> tolerances cannot be gated, and a richer curve family whose A differs from
    /// the sigmoid's by more than this makes the fit model-dependent. 0 turns both of those rules off.
    /// </summary>
    public double Tolerance { get; init; } = DefaultTolerance;

    public const double DefaultTolerance = 0.02;

    /// <summary>How many tolerances wide an interval on A may be and still be gated: 4, so that a drop of a few tolerances can show.</summary>
    public const double IntervalWidthPerTolerance = 4;

    /// <summary>Compute at which to predict the metric, with an interval.</summary>
    public double? PredictAt { get; init; }

    /// <summary>Planning: the compute at which the curve has gone this fraction of the way from R0 to A.</summary>
    public double PlanningFraction { get; init; } = 0.95;

    /// <summary>Fit only the points inside this compute range (null: every point).</summary>
    public ComputeWindow? Window { get; init; }

    /// <summary>
    /// A canonical text of every option, fed into the input digest. Doubles are written round-trip so two
    /// options that print alike but differ in the last bit never share a cached fit. The window is appended only when
    /// there is one, so that every fit made before windows existed keeps its digest and its bootstrap seed, and
    /// ledgers of that time still verify bit for bit.
    /// </summary>
    public string Canonical()
    {
        static string D(double? value) => value is { } v ? v.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "-";
        var canonical = string.Join(';',
            Model.Name(), D(FixedR0), D(RewardMax), D(RewardMin), BootstrapResamples.ToString(System.Globalization.CultureInfo.InvariantCulture),
            D(ConfidenceLevel), D(MaxIntervalWidthFraction), D(MaxIntervalWidth), D(PredictAt), D(PlanningFraction));
        // The window and the tolerance are appended only when set (not the default), so the canonical text, and with it
        // every stored fit's options digest, is unchanged for the options fits were recorded with before they existed.
        if (Window is { } window)
            canonical += $";window={D(window.Min)},{D(window.Max)}";
        return Tolerance != DefaultTolerance ? canonical + ";tolerance=" + D(Tolerance) : canonical;
    }
}
