using Ledger.Core.Gating;

namespace Ledger.Core.Changes;

/// <summary>
/// Finds the changes of a recipe's A along a branch (README.md, "How a change is found"):
/// <list type="number">
/// <item>the weighted L1 Potts segmentation (<see cref="WeightedL1Potts"/>, weights 1 / SE) proposes where the level may
/// have moved;</item>
/// <item>neighbouring segments are merged, the least clear first, until every boundary left is a clear change beyond the
/// tolerance (<see cref="ChangeRule"/>, with the gate's margin test <see cref="ChangeTest"/> on the segments'
/// inverse-variance means);</item>
/// <item>each change is placed by least squares as a step or a drift (<see cref="Transition"/>), its levels taken from
/// its plateaus alone; a change that is no longer clear then is merged away and the second stage runs again.</item>
/// </list>
/// </summary>
public static class ChangeDetector
{
    /// <summary>The changes among the series' measurements <paramref name="first"/> to <paramref name="last"/> (inclusive; all of them by default).</summary>
    public static Segmentation Segment(AsymptoteSeries series, ChangeRule rule, int first = 0, int? last = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(rule);
        var end = (last ?? series.Observations.Count - 1) + 1;
        var count = end - first;
        if (count <= 0)
            return Segmentation.Empty;
        var observations = series.Observations;
        var sums = new LevelSums(observations);
        var values = observations.Select(o => o.A.Value).ToArray();
        var weights = observations.Select(o => LevelSums.Weight(o.A)).ToArray();
        var segments = WeightedL1Potts.Segment(values[first..end], weights[first..end].Select(Math.Sqrt).ToArray(), ChangeRule.BoundaryPrice * Math.Log(Math.Max(count, 2)))
            .Select(s => (Start: s.Start + first, End: s.End + first))
            .ToList();
        var stretch = new Stretch(series, first, end - 1, values, weights, sums, rule);
        while (true)
        {
            MergeUntilClear(segments, stretch);
            var placed = Place(segments, stretch);
            var weakest = placed.Changes
                .Select((change, i) => (change.AdjustedP, i))
                .Where(c => !(c.AdjustedP <= rule.Alpha))
                .OrderByDescending(c => c.AdjustedP).ThenBy(c => c.i)
                .Select(c => (int?)c.i).FirstOrDefault();
            if (weakest is not { } k)
                return placed;
            segments[k] = (segments[k].Start, segments[k + 1].End);
            segments.RemoveAt(k + 1);
        }
    }

    /// <summary>The measurements being segmented and what every stage reads of them.</summary>
    private sealed record Stretch(AsymptoteSeries Series, int First, int Last, double[] Values, double[] Weights, LevelSums Sums, ChangeRule Rule)
    {
        public int Count => Last - First + 1;

        public SeedLevelEstimate Level((int Start, int End) segment) => Sums.Level(segment.Start, segment.End - 1);
    }

    /// <summary>The margin test of a move from <paramref name="before"/> to <paramref name="after"/>, and its p-value adjusted for the places a change could be.</summary>
    private static (ChangeTest Test, double AdjustedP) Compare(SeedLevelEstimate before, SeedLevelEstimate after, ChangeRule rule, int measurements)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var test = ChangeTest.Of(after, before, rule.Tolerance, lowerIsBetter: false, rule.Alpha);
        var p = test.KnowsSeedVariance ? (test.Delta < 0 ? test.PWorse : test.PBetter) : 1;
        return (test, ChangeRule.AdjustedP(p, measurements));
    }

    private static void MergeUntilClear(List<(int Start, int End)> segments, Stretch stretch)
    {
        while (segments.Count > 1)
        {
            var (weakest, worst) = (-1, stretch.Rule.Alpha);
            for (var k = 0; k + 1 < segments.Count; k++)
            {
                var (_, p) = Compare(stretch.Level(segments[k]), stretch.Level(segments[k + 1]), stretch.Rule, stretch.Count);
                if (!(p <= worst))
                    (weakest, worst) = (k, double.IsNaN(p) ? double.PositiveInfinity : p);
            }
            if (weakest < 0)
                return;
            segments[weakest] = (segments[weakest].Start, segments[weakest + 1].End);
            segments.RemoveAt(weakest + 1);
        }
    }

    /// <summary>
    /// Places every boundary as a step or a drift, left to right; joins two changes the same way into one drift when the
    /// drift fits as well (within <see cref="Transition.DriftEvidence"/>: a drift read as two steps); and reads the
    /// plateaus between them. A join merges the segments it spans, so change k stays the boundary after segment k.
    /// </summary>
    private static Segmentation Place(List<(int Start, int End)> segments, Stretch stretch)
    {
        var transitions = new List<Transition>();
        var low = stretch.First;
        for (var k = 0; k + 1 < segments.Count; k++)
        {
            var transition = Transition.Fit(stretch.Values, stretch.Weights, stretch.Sums, low, segments[k + 1].Start, segments[k + 1].End - 1);
            transitions.Add(transition);
            low = transition.End;
        }
        while (JoinOne(transitions, segments, stretch))
        {
        }
        var plateaus = Plateaus(transitions, stretch);
        var changes = transitions.Select((t, k) => Change(stretch, plateaus[k], plateaus[k + 1], t)).ToList();
        return new Segmentation(plateaus, changes);
    }

    private static bool JoinOne(List<Transition> transitions, List<(int Start, int End)> segments, Stretch stretch)
    {
        var (values, weights, sums) = (stretch.Values, stretch.Weights, stretch.Sums);
        var plateaus = Plateaus(transitions, stretch);
        for (var k = 0; k + 1 < transitions.Count; k++)
        {
            var (first, middle, last) = (plateaus[k], plateaus[k + 1], plateaus[k + 2]);
            if (Math.Sign(middle.Level.Value - first.Level.Value) != Math.Sign(last.Level.Value - middle.Level.Value))
                continue;
            var joined = new Transition(transitions[k].Start, transitions[k + 1].End);
            var apart = PiecewiseLevels.ChiSquare(values, weights, sums, first.First, last.Last, [transitions[k], transitions[k + 1]]);
            var together = PiecewiseLevels.ChiSquare(values, weights, sums, first.First, last.Last, [joined]);
            if (together - apart > Transition.DriftEvidence)
                continue;
            transitions[k] = joined;
            transitions.RemoveAt(k + 1);
            segments[k + 1] = (segments[k + 1].Start, segments[k + 2].End);
            segments.RemoveAt(k + 2);
            return true;
        }
        return false;
    }

    private static List<Plateau> Plateaus(List<Transition> transitions, Stretch stretch)
    {
        var plateaus = new List<Plateau>();
        for (var k = 0; k <= transitions.Count; k++)
        {
            var first = k == 0 ? stretch.First : transitions[k - 1].End;
            var last = k == transitions.Count ? stretch.Last : transitions[k].Start - 1;
            plateaus.Add(new Plateau(first, last, stretch.Sums.Level(first, last)));
        }
        return plateaus;
    }

    private static DetectedChange Change(Stretch stretch, Plateau before, Plateau after, Transition transition)
    {
        var (series, observations) = (stretch.Series, stretch.Series.Observations);
        var (test, adjusted) = Compare(before.Level, after.Level, stretch.Rule, stretch.Count);
        var previous = observations[before.Last].Last;
        var firstAtNewLevel = observations[after.First].First;
        return new DetectedChange(
            series.Recipe,
            transition.IsDrift ? ChangeKind.Drift : ChangeKind.Step,
            series.Commits[previous],
            series.Commits[observations[transition.Start].First],
            series.Commits.Skip(previous + 1).Take(firstAtNewLevel - previous).ToList(),
            before.Level,
            after.Level,
            test,
            adjusted,
            before.Last,
            after.First);
    }
}
