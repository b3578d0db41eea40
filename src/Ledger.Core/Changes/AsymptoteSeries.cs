using Ledger.Core.Gating;

namespace Ledger.Core.Changes;

/// <summary>
/// One measurement of a recipe's A along a branch: one fit (<paramref name="Fit"/>, its input digest), recorded on the
/// snapshots at positions <paramref name="First"/> to <paramref name="Last"/> of the branch, with its seed-level
/// uncertainty. A fit whose runs did not change between commits is one measurement however many snapshots record it:
/// counting it once per snapshot would make one draw of the seeds look like many.
/// </summary>
public sealed record AsymptoteObservation(int First, int Last, SeedLevelEstimate A, string Fit);

/// <summary>
/// A recipe's A along a branch, oldest first: every commit of the branch by position (snapshots whose fit cannot tell A,
/// or that do not hold the recipe, have a position but no observation), and the observations in position order.
/// </summary>
public sealed record AsymptoteSeries(string Recipe, IReadOnlyList<string> Commits, IReadOnlyList<AsymptoteObservation> Observations)
{
    /// <summary>
    /// A recipe's series from its fit at each position of the branch (null where the snapshot has none): A where the fit
    /// identifies it, read with <see cref="AsymptoteUncertainty"/> and the metric's prior; one measurement for consecutive
    /// positions with the same fit (the same input digest: the same runs).
    /// </summary>
    public static AsymptoteSeries From(string recipe, IReadOnlyList<string> commits, IReadOnlyList<Fitting.CurveFit?> fits, SeedPriors priors)
    {
        ArgumentNullException.ThrowIfNull(fits);
        ArgumentNullException.ThrowIfNull(priors);
        var observations = new List<AsymptoteObservation>();
        // The same fit at many positions (its runs unchanged over many commits) is read once: 1,000,000 positions hold 50,000 fits.
        (Fitting.CurveFit? Fit, SeedLevelEstimate? A) last = (null, null);
        for (var position = 0; position < fits.Count; position++)
        {
            if (fits[position] is not { } fit)
                continue;
            if (!ReferenceEquals(fit, last.Fit))
                last = (fit, AsymptoteUncertainty.Of(fit, priors.For(fit.Metric)));
            if (last.A is not { } a)
                continue;
            // The same runs again (a commit that did not rerun the recipe): the same measurement, now spanning this commit too.
            if (observations.Count > 0 && observations[^1].Fit == fit.InputDigest)
                observations[^1] = observations[^1] with { Last = position };
            else
                observations.Add(new AsymptoteObservation(position, position, a, fit.InputDigest));
        }
        return new AsymptoteSeries(recipe, commits, observations);
    }

    /// <summary>
    /// The series with one more commit at its end and, when A is known there, its measurement: the same measurement
    /// grown by a commit when the fit is the newest one's (the same runs).
    /// </summary>
    public AsymptoteSeries Append(string commit, SeedLevelEstimate? a, string fit)
    {
        var position = Commits.Count;
        var observations = Observations.ToList();
        if (a is not null && observations.Count > 0 && observations[^1].Fit == fit)
            observations[^1] = observations[^1] with { Last = position };
        else if (a is not null)
            observations.Add(new AsymptoteObservation(position, position, a, fit));
        return new AsymptoteSeries(Recipe, [.. Commits, commit], observations);
    }
}
