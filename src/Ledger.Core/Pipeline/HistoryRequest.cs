using Ledger.Core.Fitting;

namespace Ledger.Core.Pipeline;

/// <summary>`ledger history`: which rows to show and the fit options that decide A.</summary>
/// <param name="Recipe">Only this recipe, or every recipe when null.</param>
/// <param name="Branch">Only snapshots of this branch, or every branch when null.</param>
/// <param name="Commit">Only snapshots of this commit, or every commit when null.</param>
public sealed record HistoryRequest(string? Recipe, string? Branch, string? Commit, FitOptions Fit);

/// <summary>One recipe in one snapshot: its fit as the ledger records it, or as it would be fitted now.</summary>
/// <param name="Runs">Runs of the recipe in the snapshot.</param>
/// <param name="Points">Points of those runs together.</param>
/// <param name="FromLedger">True when the fit was read from the ledger (its inputs, options and fitter version matched); false when it was fitted just now.</param>
public sealed record HistoryRow(
    long SnapshotId,
    string Commit,
    string Branch,
    DateTimeOffset Time,
    string Recipe,
    int Runs,
    int Points,
    CurveFit Fit,
    bool FromLedger)
{
    /// <summary>A with its standard error and Wald interval, only when the data identify it (status ok).</summary>
    public FitParameter? Asymptote => Fit.IdentifiedAsymptote;
}

/// <summary>Rows oldest snapshot first, recipes in ordinal order within a snapshot.</summary>
public sealed record HistoryResult(IReadOnlyList<HistoryRow> Rows, FitOptions Fit);
