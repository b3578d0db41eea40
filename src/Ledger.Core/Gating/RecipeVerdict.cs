using Ledger.Core.Fitting;

namespace Ledger.Core.Gating;

/// <summary>What the gate compares for one recipe: its fit now, its fit in the baseline, and the points behind it now.</summary>
/// <param name="KnownRegimeChange">
/// The regime-change flag when the caller already knows it (it is a function of the baseline fit and the current
/// points alone, so a gate can keep it); null to judge it from <paramref name="CurrentPoints"/>.
/// </param>
public sealed record GateInput(string Recipe, CurveFit? Current, CurveFit? Baseline, IReadOnlyList<Ingest.CurvePoint> CurrentPoints,
    bool? KnownRegimeChange = null);

/// <summary>
/// The gate's verdict on one recipe: A now (with its bootstrap interval, which carries the seed-to-seed spread, else
/// its profile interval) and in the baseline, the change (now minus baseline) with its interval,
/// the one-sided p-value of a drop, the regime-change flag, and the reason in words.
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
    bool AllowanceExpired);
