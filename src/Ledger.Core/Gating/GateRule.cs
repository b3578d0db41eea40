using Ledger.Core.Fitting;
using Ledger.Core.Reporting;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Ledger.Core.Gating;

/// <summary>
/// The gate rule. A recipe regresses when its A got worse by more than the tolerance AND the change is significant
/// given both fits' uncertainty: a one-sided z-test of "no change" with the standard error
/// sqrt(se_now^2 + se_baseline^2) (see <see cref="AsymptoteUncertainty"/>; moderated, see <see cref="Moderate"/>),
/// with the Benjamini-Hochberg procedure over all
/// comparable recipes of the build, so that a build where nothing changed fails by chance at most alpha of the time. Improvements
/// are the mirror image. Fits that cannot tell A give "unidentified", never a pass or a fail.
/// </summary>
public static class GateRule
{
    public static IReadOnlyList<RecipeVerdict> Decide(IReadOnlyList<GateInput> inputs, GateOptions options, AllowList allowList,
        string commit, DateOnly today)
    {
        var pairs = inputs
            .Select((input, index) => (input, index))
            .Where(x => x.input.Current?.Status == FitStatus.Ok && x.input.Baseline?.Status == FitStatus.Ok)
            .ToList();
        var variances = pairs.Select(x => Variance(x.input.Current!) + Variance(x.input.Baseline!)).ToList();
        var typical = variances.Count > 0 ? variances.Median() : 0;
        var comparable = pairs
            .Select((x, k) => (x.index, Change: Change(x.input.Current!, x.input.Baseline!, Moderate(variances[k], typical), options)))
            .ToList();
        var worse = BenjaminiHochberg.Reject(comparable.Select(c => c.Change.PWorse).ToList(), options.Alpha);
        var better = BenjaminiHochberg.Reject(comparable.Select(c => 1 - c.Change.PWorse).ToList(), options.Alpha);
        var significance = comparable
            .Select((c, k) => (c.index, c.Change, Worse: worse[k], Better: better[k]))
            .ToDictionary(c => c.index);

        return inputs.Select((input, index) => significance.TryGetValue(index, out var s)
                ? Compare(input, s.Change, s.Worse, s.Better, options, allowList.For(input.Recipe), commit, today)
                : Unmatched(input))
            .ToList();
    }

    private readonly record struct Drop(double Delta, double Worsening, double StandardError, double PWorse);

    private static double Variance(CurveFit fit) => Math.Pow(AsymptoteUncertainty.StandardError(fit), 2);

    /// <summary>
    /// A recipe's variance of delta A, moderated upward toward the build's median (as limma moderates variances):
    /// with a handful of seeds a recipe's own estimate is noisy, and the recipes whose estimate came out small by
    /// chance would otherwise make most of the false alarms. A large variance is never shrunk.
    /// </summary>
    private static double Moderate(double variance, double typical) => Math.Max(variance, (variance + typical) / 2);

    private static Drop Change(CurveFit current, CurveFit baseline, double variance, GateOptions options)
    {
        var delta = current.IdentifiedAsymptote!.Value - baseline.IdentifiedAsymptote!.Value;
        var worsening = options.LowerIsBetter ? delta : -delta;
        var se = Math.Sqrt(variance);
        var p = se > 0 ? 1 - Normal.CDF(0, 1, worsening / se) : worsening > 0 ? 0 : 1;
        return new Drop(delta, worsening, se, p);
    }

    private static RecipeVerdict Compare(GateInput input, Drop change, bool significantlyWorse, bool significantlyBetter,
        GateOptions options, AllowEntry? allowance, string commit, DateOnly today)
    {
        var current = input.Current!;
        var baseline = input.Baseline!;
        var z = Normal.InvCDF(0, 1, 0.975);
        var interval = new Interval(change.Delta - z * change.StandardError, change.Delta + z * change.StandardError);
        var regime = input.KnownRegimeChange ?? RegimeChange.Detect(baseline, input.CurrentPoints);
        var (now, before) = (current.IdentifiedAsymptote!.Value, baseline.IdentifiedAsymptote!.Value);
        var tolerance = options.ToleranceFor(input.Recipe);
        var summary = $"A = {NumberFormat.Short(now)} against baseline {NumberFormat.Short(before)}, change {NumberFormat.Short(change.Delta)} " +
                      $"{NumberFormat.Interval(interval)}, tolerance {NumberFormat.Short(tolerance)}";

        VerdictKind verdict;
        string reason;
        var expired = false;
        if (change.Worsening > tolerance && significantlyWorse)
        {
            expired = allowance is not null && !allowance.IsActive(commit, today);
            verdict = allowance is not null && !expired ? VerdictKind.Allowed : VerdictKind.Regressed;
            reason = verdict == VerdictKind.Allowed
                ? $"{summary}: regressed, allowed by ledger.allow.json ({allowance!.Reason}; {allowance.DescribeExpiry()})"
                : $"{summary}: a significant drop beyond the tolerance (p {(change.PWorse < 1e-15 ? "< 1e-15" : "= " + NumberFormat.Short(change.PWorse))})" +
                  (expired ? $"; the allow-list entry has expired ({allowance!.DescribeExpiry()})" : "");
        }
        else if (-change.Worsening > tolerance && significantlyBetter)
        {
            verdict = VerdictKind.Improved;
            reason = $"{summary}: a significant gain beyond the tolerance";
        }
        else
        {
            verdict = VerdictKind.Pass;
            reason = summary;
        }
        return new RecipeVerdict(input.Recipe, verdict, now, IntervalOf(current), before, change.Delta, interval, change.PWorse, regime, reason,
            allowance, expired);
    }

    private static RecipeVerdict Unmatched(GateInput input)
    {
        var (verdict, reason) = (input.Current, input.Baseline) switch
        {
            (null, _) => (VerdictKind.Missing, "in the baseline, absent from this build"),
            ({ Status: not FitStatus.Ok } now, _) => (VerdictKind.Unidentified, $"this build's fit: {now.Reason}"),
            (_, null) => (VerdictKind.New, "no baseline fit to compare with"),
            (_, { } before) => (VerdictKind.Unidentified, $"the baseline's fit: {before.Reason}"),
        };
        return new RecipeVerdict(input.Recipe, verdict, input.Current?.IdentifiedAsymptote?.Value,
            input.Current?.IdentifiedAsymptote is null ? Interval.None : IntervalOf(input.Current),
            input.Baseline?.IdentifiedAsymptote?.Value, null, Interval.None, null, false, reason, null, false);
    }

    private static Interval IntervalOf(CurveFit fit) => fit.BootstrapInterval.IsKnown ? fit.BootstrapInterval : fit.ProfileInterval;
}
