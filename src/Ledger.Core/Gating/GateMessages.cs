using Ledger.Core.Reporting;

namespace Ledger.Core.Gating;

/// <summary>
/// The one-line diagnostics of the gate, worded once for every shell: the CLI's github annotations, the MSBuild
/// task's errors and warnings, and the text output (see <see cref="GateDiagnostic"/>). Codes come from <see cref="Diagnostics.ErrorCodes"/>.
/// </summary>
public static class GateMessages
{
    /// <summary>"recipe 'grpo-b512' asymptote A = 0.612 [0.598, 0.626] fell 0.043 below baseline 0.655 (main@3f2a1c9), tolerance 0.02"</summary>
    public static string Regression(RecipeVerdict v, string? baseline, double tolerance)
    {
        var direction = v.DeltaA < 0 ? "below" : "above";
        return $"recipe '{v.Recipe}' asymptote A = {NumberFormat.Short(v.CurrentA ?? double.NaN)} {NumberFormat.Interval(v.CurrentInterval)} " +
               $"fell {NumberFormat.Short(Math.Abs(v.DeltaA ?? double.NaN))} {direction} baseline {NumberFormat.Short(v.BaselineA ?? double.NaN)} " +
               $"({baseline ?? "no baseline"}), tolerance {NumberFormat.Short(tolerance)}" +
               (v.AllowanceExpired ? $"; its allow-list entry has expired ({v.Allowance!.DescribeExpiry()})" : "");
    }

    public static string Unidentified(RecipeVerdict v) => $"recipe '{v.Recipe}' is unidentified: {v.Reason}";

    public static string Unverified(RecipeVerdict v) => $"recipe '{v.Recipe}' is unverified: {v.Reason}";

    public static string Suspect(RecipeVerdict v) => $"recipe '{v.Recipe}' is suspect: {v.Reason}";

    public static string ModelDependent(RecipeVerdict v) => $"recipe '{v.Recipe}' is model-dependent: {v.Reason}";

    public static string Underpowered(RecipeVerdict v) => $"recipe '{v.Recipe}' passed an underpowered comparison: {v.Reason}";

    public static string RegimeChange(RecipeVerdict v, string? baseline) =>
        $"recipe '{v.Recipe}': the new points leave the baseline fit's prediction band ({baseline ?? "no baseline"}): a regime change";

    public static string Drifted(RecipeVerdict v) => $"recipe '{v.Recipe}' drifted: {v.Reason}";

    /// <summary>"recipe 'grpo' stepped -0.061 [-0.067, -0.055] at 543d857 (A 0.7503 to 0.6891)", or drifted over the commits it spans.</summary>
    public static string Change(Changes.DetectedChange change, double confidenceLevel) => Change(Changes.ChangeOutline.Of(change, confidenceLevel));

    /// <inheritdoc cref="Change(Changes.DetectedChange, double)"/>
    public static string Change(Changes.ChangeOutline change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var moved = change.Kind == Changes.ChangeKind.Drift
            ? $"drifted {Signed(change.Delta)} {NumberFormat.Interval(change.Interval)} over {change.CommitCount} commits " +
              $"from {AppendText.ShortCommit(change.Commit)} to {AppendText.ShortCommit(change.LastCommit)}"
            : $"stepped {Signed(change.Delta)} {NumberFormat.Interval(change.Interval)} at {AppendText.ShortCommit(change.Commit)}";
        return $"recipe '{change.Recipe}' {moved} (A {NumberFormat.Short(change.Before)} to {NumberFormat.Short(change.After)}, " +
               $"after {AppendText.ShortCommit(change.PreviousCommit)})";
    }

    private static string Signed(double value) => (value >= 0 ? "+" : "") + NumberFormat.Short(value);

    public static string ExpiredAllowance(RecipeVerdict v) =>
        $"recipe '{v.Recipe}': the allow-list entry ({v.Allowance!.Reason}) has expired ({v.Allowance.DescribeExpiry()}) and no longer allows a regression";
}
