namespace Ledger.Core.Ingest;

/// <summary>One evaluation of a run: RL compute (GPU-hours, after the compute mapping), the metric, and the step if the log had one.</summary>
public readonly record struct CurvePoint(double Compute, double Reward, double? Step = null);
