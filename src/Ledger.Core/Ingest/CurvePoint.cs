namespace Ledger.Core.Ingest;

/// <summary>One evaluation of a run: RL compute (GPU-hours, after the compute mapping), the metric, and the step if the log had one.</summary>
/// <remarks>
/// 24 bytes, not the 32 a <c>double?</c> field takes with its flag and padding: a check of 10,000 logs holds ten million
/// of these at once. A missing step is kept as NaN, which no step can be (the readers refuse a value that is not finite).
/// </remarks>
public readonly record struct CurvePoint
{
    private readonly double _step;

    public CurvePoint(double compute, double reward, double? step = null)
    {
        Compute = compute;
        Reward = reward;
        _step = step ?? double.NaN;
    }

    public double Compute { get; init; }

    public double Reward { get; init; }

    public double? Step
    {
        get => double.IsNaN(_step) ? null : _step;
        init => _step = value ?? double.NaN;
    }
}
