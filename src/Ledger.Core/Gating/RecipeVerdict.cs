using Ledger.Core.Fitting;

namespace Ledger.Core.Gating;

/// <summary>What the gate compares for one recipe: its fit now, its fit in the baseline, and the points behind it now.</summary>
public sealed record GateInput(string Recipe, CurveFit? Current, CurveFit? Baseline, IReadOnlyList<Ingest.CurvePoint> CurrentPoints);

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
