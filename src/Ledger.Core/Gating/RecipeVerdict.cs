using Ledger.Core.Fitting;
using Ledger.Core.Ingest;

namespace Ledger.Core.Gating;

/// <summary>What the gate compares for one recipe: its fit now, its fit in the baseline, and the points behind it now.</summary>
/// <param name="KnownRegimeChange">
/// The regime-change flag when the caller already knows it (it is a function of the baseline fit and the current
/// points alone, so a gate can keep it); null to judge it from <paramref name="CurrentPoints"/>.
/// </param>
public sealed record GateInput(string Recipe, CurveFit? Current, CurveFit? Baseline, IReadOnlyList<CurvePoint> CurrentPoints,
    bool? KnownRegimeChange = null)
{
    /// <summary>
    /// The runs' points of each side, for the model-free comparison when the baseline identified A and this build does
    /// not; null when not loaded (the comparison is then unavailable).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<CurvePoint>>? CurrentRuns { get; init; }

    public IReadOnlyList<IReadOnlyList<CurvePoint>>? BaselineRuns { get; init; }

    /// <summary>Set when the baseline fit comes from an older snapshot than the build's baseline: why, in words.</summary>
    public string? BaselineNote { get; init; }
}

/// <summary>The model-free comparison behind a verdict: the seeds' median metric over a compute window both builds cover.</summary>
public sealed record WindowComparison(double From, double To, double Now, double Before, double Delta, Interval DeltaInterval, double? PValue);

/// <summary>
/// The gate's verdict on one recipe: A now (with its seed-level interval) and in the baseline, the change (now minus
/// baseline) with its interval, the one-sided p-value of a drop beyond the tolerance, the regime-change flag, and the
/// reason in words.
/// </summary>
public sealed record RecipeVerdict(
    string Recipe,
    VerdictKind Verdict,
    double? CurrentA,
    Interval CurrentInterval,
    double? BaselineA,
    double? DeltaA,
    Interval DeltaInterval,
    double? PValue,
    bool RegimeChange,
    string Reason,
    AllowEntry? Allowance,
    bool AllowanceExpired)
{
    /// <summary>The standard error of the change (A, or the window means) and its degrees of freedom.</summary>
    public double? StandardError { get; init; }

    public double? DegreesOfFreedom { get; init; }

    /// <summary>The comparison cannot claim significance (no seed variance known), or cannot show a drop of three tolerances.</summary>
    public bool Underpowered { get; init; }

    /// <summary>What the uncertainty rests on, in words ("3 seeds, moderated (pooled over 14 recipes)").</summary>
    public string? Uncertainty { get; init; }

    /// <summary>Set when the baseline fit was taken from an older snapshot (the newest one was unidentified).</summary>
    public string? BaselineNote { get; init; }

    /// <summary>The model-free comparison, when the verdict rests on one.</summary>
    public WindowComparison? Window { get; init; }
}
