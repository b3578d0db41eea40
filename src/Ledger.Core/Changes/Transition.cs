namespace Ledger.Core.Changes;

/// <summary>
/// Where, and how fast, the level moved between two plateaus: a step (the level jumps between two measurements) or a
/// drift (the measurements from <see cref="Start"/> to <see cref="End"/> - 1 lie on a straight line from the old level to
/// the new one). Both are fitted by weighted least squares with the measurements' own standard errors, the two levels
/// free; a drift is preferred only when its chi-square is lower than the best step's by more than
/// <see cref="DriftEvidence"/>. The step's place is chosen by the same fit, so the commit named is the one the data put
/// the jump at, not where the segmentation happened to cut.
/// </summary>
/// <param name="Start">The first measurement at or moving toward the new level.</param>
/// <param name="End">The first measurement at the new level; equal to <paramref name="Start"/> for a step.</param>
internal readonly record struct Transition(int Start, int End)
{
    /// <summary>How far from the segmentation's boundary, in measurements, a change's start and end are looked for.</summary>
    public const int Reach = 32;

    /// <summary>
    /// The chi-square a drift must gain over the best step (or one drift over two changes the same way). Measured on
    /// simulated histories of 3 seeds a commit (ChangeDetectionTests): a step of 0.05 is called a step in 97 of 100, an
    /// eight-commit drift of 0.008 a commit one drift in 99 of 100.
    /// </summary>
    public const double DriftEvidence = 6;

    public bool IsDrift => End > Start;

    /// <summary>
    /// The best transition between measurements <paramref name="low"/> and <paramref name="high"/> (inclusive) around the
    /// boundary <paramref name="boundary"/> (the first measurement of the right segment), leaving at least one measurement
    /// at each level.
    /// </summary>
    public static Transition Fit(double[] values, double[] weights, LevelSums sums, int low, int boundary, int high)
    {
        var (from, to) = (Math.Max(low + 1, boundary - Reach), Math.Min(high, boundary + Reach));
        var (bestStep, stepChi) = (new Transition(boundary, boundary), double.PositiveInfinity);
        var (bestDrift, driftChi) = (bestStep, double.PositiveInfinity);
        for (var start = from; start <= to; start++)
        {
            for (var end = start; end <= to; end++)
            {
                var chi = PiecewiseLevels.ChiSquare(values, weights, sums, low, high, [new Transition(start, end)]);
                if (end == start && chi < stepChi)
                    (bestStep, stepChi) = (new Transition(start, end), chi);
                else if (end > start && chi < driftChi)
                    (bestDrift, driftChi) = (new Transition(start, end), chi);
            }
        }
        return stepChi - driftChi > DriftEvidence ? bestDrift : bestStep;
    }
}
