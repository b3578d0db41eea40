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

        return inputs.Select((input, i) =>
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
