namespace Ledger.Core.Ingest;

/// <summary>
/// One run of one recipe as read from a log: its points in file order, where they came from and how compute was
/// derived. Warnings are things a user should see that do not stop the read (a down-sampled export, say).
/// </summary>
public sealed record RunLog(
    string Recipe,
    string RunName,
    string SourcePath,
    string Format,
    ComputeMapping Compute,
    string RewardColumn,
    IReadOnlyList<CurvePoint> Points,
    IReadOnlyList<string> Warnings);
