using Ledger.Core.Fitting;
using Ledger.Core.Reporting;

namespace Ledger.Core.Gating;

/// <summary>
/// The gate rule. Seeds are the unit: each side's A carries the uncertainty of its seeds (<see cref="AsymptoteUncertainty"/>,
/// moderated toward the ledger's prior for the metric), and the change is tested with the tolerance as a margin
/// (<see cref="ChangeTest"/>): a recipe regresses when the data show, under Holm's family-wise control over the build's
/// recipes, that A got worse by more than the tolerance. An estimate past the tolerance that the data do not show is
/// <see cref="VerdictKind.Suspect"/>. When either fit cannot tell A, the seeds' metric over the compute both builds cover
/// is compared instead (<see cref="ModelFreeComparison"/>): a clear drop beyond the tolerance is a regression whatever
/// the curves did. Without one, a recipe whose baseline identified A and whose fit now does not is
/// <see cref="VerdictKind.Unverified"/> (nothing passes silently); one whose baseline never identified A is a warning.
/// </summary>
public static class GateRule
{
    private enum Method
    {
        Asymptote,
        ModelFree,
    }

    private sealed record Comparison(Method Method, SeedLevelEstimate Now, SeedLevelEstimate Before, ChangeTest Test, ModelFreeComparison.Outcome? Window);

    public static IReadOnlyList<RecipeVerdict> Decide(IReadOnlyList<GateInput> inputs, GateOptions options, AllowList allowList,
        string commit, DateOnly today, SeedPriors priors)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(priors);
        var comparisons = inputs.Select(input => Compare(input, options, priors)).ToList();
        var tested = Enumerable.Range(0, inputs.Count).Where(i => comparisons[i]?.Test.KnowsSeedVariance == true).ToList();
        var worse = Holm.Reject(tested.Select(i => comparisons[i]!.Test.PWorse).ToList(), options.Alpha);
        var better = Holm.Reject(tested.Select(i => comparisons[i]!.Test.PBetter).ToList(), options.Alpha);
        var significantlyWorse = tested.Where((_, k) => worse[k]).ToHashSet();
        var significantlyBetter = tested.Where((_, k) => better[k]).ToHashSet();

        var verdicts = inputs.Select((input, i) =>
        {
            var context = new Context(input, options, allowList.For(input.Recipe), commit, today, priors);
            return comparisons[i] switch
            {
                { Method: Method.Asymptote } c => OnAsymptote(context, c, significantlyWorse.Contains(i), significantlyBetter.Contains(i)),
                { } c when significantlyWorse.Contains(i) => ModelFreeRegression(context, c),
                _ when input.Current is not null && input.Baseline?.Status == FitStatus.Ok && input.Current.Status != FitStatus.Ok =>
                    LostIdentification(context, comparisons[i]),
                var c => Unmatched(input, c),
            };
        }).ToList();
        return WithDrift(inputs, verdicts, options);
    }

    /// <summary>
    /// A recipe whose A fell beyond the tolerance since the reference, as the baseline branch's history shows it clearly (the
    /// margin test of its levels, Holm over the build's recipes as for regressions), is drifted, unless its verdict already
    /// says more (regressed, unverified, allowed) or A cannot be read (unidentified, model-dependent, new, missing).
    /// </summary>
    private static List<RecipeVerdict> WithDrift(IReadOnlyList<GateInput> inputs, List<RecipeVerdict> verdicts, GateOptions options)
    {
        var fell = Enumerable.Range(0, inputs.Count)
            .Where(i => inputs[i].Drift is { Test.KnowsSeedVariance: true } d && d.Worsened(options.ToleranceFor(inputs[i].Recipe)))
            .ToList();
        var clear = Holm.Reject(fell.Select(i => inputs[i].Drift!.AdjustedP).ToList(), options.Alpha);
        for (var k = 0; k < fell.Count; k++)
        {
            var i = fell[k];
            if (!clear[k] || verdicts[i].Verdict is not (VerdictKind.Pass or VerdictKind.Suspect or VerdictKind.Improved))
                continue;
            var drift = inputs[i].Drift!;
            verdicts[i] = verdicts[i] with
            {
                Verdict = VerdictKind.Drifted,
                Reason = $"{DriftText(drift, options)}; against the baseline: {verdicts[i].Reason}",
                Drift = drift,
            };
        }
        return verdicts;
    }

    private static string DriftText(DriftFinding drift, GateOptions options)
    {
        var test = drift.Test;
        var began = drift.Began!;
        var span = began.Commits.Count > 1 ? $" (over {began.Commits.Count} commits, to {AppendText.ShortCommit(began.Commits[^1])})" : "";
        return $"A moved {NumberFormat.Short(test.Delta)} {NumberFormat.Interval(test.Interval(options.ConfidenceLevel))} since {drift.Reference} " +
               $"({NumberFormat.Short(drift.AtReference.Value)} to {NumberFormat.Short(drift.Now.Value)}), beyond the tolerance, " +
               $"with no single build failing (p {PValueText(drift.AdjustedP)} over the history); it began at {AppendText.ShortCommit(began.Commit)}{span}";
    }

    private sealed record Context(GateInput Input, GateOptions Options, AllowEntry? Allowance, string Commit, DateOnly Today, SeedPriors Priors)
    {
        public double Tolerance => Options.ToleranceFor(Input.Recipe);
    }

    private static Comparison? Compare(GateInput input, GateOptions options, SeedPriors priors)
    {
        if (input.Current is not { } current || input.Baseline is not { } baseline)
            return null;
        var tolerance = options.ToleranceFor(input.Recipe);
        if (current.Status == FitStatus.Ok && baseline.Status == FitStatus.Ok)
        {
            var now = AsymptoteUncertainty.Of(current, priors.For(current.Metric))!;
            var before = AsymptoteUncertainty.Of(baseline, priors.For(baseline.Metric))!;
            return new Comparison(Method.Asymptote, now, before, ChangeTest.Of(now, before, tolerance, options.LowerIsBetter, options.Alpha), null);
        }
        if (input.CurrentRuns is null || input.BaselineRuns is null
            || ModelFreeComparison.Compare(input.CurrentRuns, input.BaselineRuns, priors.For(current.Metric)) is not { } window)
            return null;
        return new Comparison(Method.ModelFree, window.Now, window.Before,
            ChangeTest.Of(window.Now, window.Before, tolerance, options.LowerIsBetter, options.Alpha), window);
    }

    /// <summary>Both fits identify A: regressed, suspect, improved or pass.</summary>
    private static RecipeVerdict OnAsymptote(Context context, Comparison comparison, bool significantlyWorse, bool significantlyBetter)
    {
        var (input, test, tolerance) = (context.Input, comparison.Test, context.Tolerance);
        var level = context.Options.ConfidenceLevel;
        var interval = test.Interval(level);
        var regime = input.KnownRegimeChange ?? RegimeChange.Detect(input.Baseline!, input.CurrentPoints);
        var prior = context.Priors.For(input.Current!.Metric);
        var summary = $"A = {NumberFormat.Short(comparison.Now.Value)} against baseline {NumberFormat.Short(comparison.Before.Value)}, " +
                      $"change {NumberFormat.Short(test.Delta)} {NumberFormat.Interval(interval)}, tolerance {NumberFormat.Short(tolerance)} " +
                      $"({comparison.Now.Describe(prior)})" + Note(input);

        var (verdict, reason, expired) = (significantlyWorse, test.Worsening > tolerance, significantlyBetter) switch
        {
            (true, _, _) => Failing(context, VerdictKind.Regressed,
                $"{summary}: the data show a drop beyond the tolerance (p {PValueText(test.PWorse)})"),
            (false, true, _) => (VerdictKind.Suspect,
                $"{summary}: the estimate fell past the tolerance, but the data do not show it (p {PValueText(test.PWorse)}){Underpowered(test)}", false),
            (false, false, true) => (VerdictKind.Improved, $"{summary}: a gain beyond the tolerance (p {PValueText(test.PBetter)})", false),
            _ => (VerdictKind.Pass, summary + Underpowered(test), false),
        };
        return new RecipeVerdict(input.Recipe, verdict, comparison.Now.Value, comparison.Now.Interval(level), comparison.Before.Value,
            test.Delta, interval, test.KnowsSeedVariance ? test.PWorse : null, regime, reason,
            verdict == VerdictKind.Allowed || expired ? context.Allowance : null, expired) with
        {
            StandardError = test.StandardError,
            DegreesOfFreedom = test.DegreesOfFreedom,
            Underpowered = test.Weak,
            Uncertainty = comparison.Now.Describe(prior),
            BaselineNote = input.BaselineNote,
        };
    }

    /// <summary>A fit cannot tell A, but the seeds' metric over the compute both builds cover dropped clearly beyond the tolerance.</summary>
    private static RecipeVerdict ModelFreeRegression(Context context, Comparison comparison)
    {
        var (verdict, reason, expired) = Failing(context, VerdictKind.Regressed,
            $"{FitsText(context.Input)}; {WindowText(context, comparison)}: a drop beyond the tolerance {NumberFormat.Short(context.Tolerance)} " +
            $"(p {PValueText(comparison.Test.PWorse)})");
        return WithWindow(Bare(context.Input, verdict, reason, context, expired), context, comparison);
    }

    /// <summary>The baseline identified A and this build does not, and no clear drop shows: unverified (fails), or model-dependent (warns).</summary>
    private static RecipeVerdict LostIdentification(Context context, Comparison? comparison)
    {
        var input = context.Input;
        var window = comparison is null
            ? input.CurrentRuns is null ? "" : "; the two builds share no compute range to compare the metric over"
            : $"; {WindowText(context, comparison)}: no clear drop";
        var text = FitsText(input) + window;
        var (verdict, reason, expired) = input.Current!.Status == FitStatus.ModelDependent
            ? (VerdictKind.ModelDependent, text, false)
            : Failing(context, VerdictKind.Unverified, text + ", but nothing shows the recipe kept its ceiling");
        var bare = Bare(input, verdict, reason, context, expired);
        return comparison is null ? bare : WithWindow(bare, context, comparison);
    }

    /// <summary>No comparison of A: missing, new, or a fit that cannot tell A without a clear model-free drop (a warning).</summary>
    private static RecipeVerdict Unmatched(GateInput input, Comparison? comparison)
    {
        var (verdict, reason) = (input.Current, input.Baseline) switch
        {
            (null, _) => (VerdictKind.Missing, "in the baseline, absent from this build"),
            ({ Status: FitStatus.ModelDependent } now, _) => (VerdictKind.ModelDependent, $"this build's fit: {now.Reason}"),
            ({ Status: not FitStatus.Ok } now, _) => (VerdictKind.Unidentified, $"this build's fit: {now.Reason}"),
            (_, null) => (VerdictKind.New, "no baseline fit to compare with"),
            (_, { Status: FitStatus.ModelDependent } before) => (VerdictKind.ModelDependent, $"the baseline's fit: {before.Reason}"),
            (_, { } before) => (VerdictKind.Unidentified, $"the baseline's fit: {before.Reason}"),
        };
        var window = comparison?.Window is { } w
            ? $"; over C = {NumberFormat.Short(w.From)} to {NumberFormat.Short(w.To)} the seeds' median metric changed {NumberFormat.Short(comparison.Test.Delta)}, no clear drop"
            : "";
        return new RecipeVerdict(input.Recipe, verdict, input.Current?.IdentifiedAsymptote?.Value,
            Interval.None, input.Baseline?.IdentifiedAsymptote?.Value, null, Interval.None, null, false, reason + window + Note(input), null, false)
        {
            BaselineNote = input.BaselineNote,
        };
    }

    private static string FitsText(GateInput input)
    {
        var (now, before) = (input.Current!, input.Baseline!);
        string Side(string whose, CurveFit fit) => fit.IdentifiedAsymptote is { } a
            ? $"{whose} A = {NumberFormat.Short(a.Value)}"
            : $"{whose} fit is {Pipeline.FitRecords.StatusName(fit.Status)} ({fit.Reason})";
        return $"{Side("this build's", now)}, {Side("the baseline's", before)}{Note(input)}";
    }

    private static string WindowText(Context context, Comparison comparison)
    {
        var (test, window) = (comparison.Test, comparison.Window!);
        return $"over C = {NumberFormat.Short(window.From)} to {NumberFormat.Short(window.To)}, the last third of the compute both builds cover, " +
               $"the seeds' median metric is {NumberFormat.Short(window.Now.Value)} against {NumberFormat.Short(window.Before.Value)}, " +
               $"change {NumberFormat.Short(test.Delta)} {NumberFormat.Interval(test.Interval(context.Options.ConfidenceLevel))} " +
               $"({window.Now.Describe(context.Priors.For(context.Input.Current!.Metric))})";
    }

    private static RecipeVerdict WithWindow(RecipeVerdict verdict, Context context, Comparison comparison)
    {
        var (test, window) = (comparison.Test, comparison.Window!);
        var interval = test.Interval(context.Options.ConfidenceLevel);
        return verdict with
        {
            StandardError = test.StandardError,
            DegreesOfFreedom = test.DegreesOfFreedom,
            Underpowered = test.Weak,
            Uncertainty = window.Now.Describe(context.Priors.For(context.Input.Current!.Metric)),
            BaselineNote = context.Input.BaselineNote,
            Window = new WindowComparison(window.From, window.To, window.Now.Value, window.Before.Value, test.Delta, interval,
                test.KnowsSeedVariance ? test.PWorse : null),
        };
    }

    /// <summary>A failing verdict, unless an active allow-list entry accepts it; an expired entry is reported, not honoured.</summary>
    private static (VerdictKind Verdict, string Reason, bool Expired) Failing(Context context, VerdictKind verdict, string reason)
    {
        if (context.Allowance is not { } allowance)
            return (verdict, reason, false);
        if (allowance.IsActive(context.Commit, context.Today))
            return (VerdictKind.Allowed, $"{reason}; {verdict.Name()}, allowed by ledger.allow.json ({allowance.Reason}; {allowance.DescribeExpiry()})", false);
        return (verdict, $"{reason}; the allow-list entry has expired ({allowance.DescribeExpiry()})", true);
    }

    private static RecipeVerdict Bare(GateInput input, VerdictKind verdict, string reason, Context context, bool expired) =>
        new(input.Recipe, verdict, input.Current?.IdentifiedAsymptote?.Value, Interval.None, input.Baseline?.IdentifiedAsymptote?.Value, null,
            Interval.None, null, false, reason, verdict == VerdictKind.Allowed || expired ? context.Allowance : null, expired)
        {
            BaselineNote = input.BaselineNote,
        };

    private static string Underpowered(ChangeTest test) => !test.KnowsSeedVariance
        ? "; underpowered: one seed and no seed-to-seed variance known (give --seed-sd, or run two or more seeds), so no significance is claimed"
        : test.Weak
            ? $"; underpowered: the change is known only to +-{NumberFormat.Short(2 * test.StandardError)}, too loose to show a drop of a few tolerances (run more seeds)"
            : "";

    private static string Note(GateInput input) => input.BaselineNote is { } note ? $" ({note})" : "";

    private static string PValueText(double p) => p < 1e-15 ? "< 1e-15" : "= " + NumberFormat.Short(p);
}
