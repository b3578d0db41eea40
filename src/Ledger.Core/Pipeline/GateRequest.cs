using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>`ledger gate`: which build, against which baseline, under which rule.</summary>
/// <param name="CommitOption">The explicit --commit, or null to detect it (CI variables, git, else "local").</param>
/// <param name="BranchOption">The explicit --branch, or null to detect it.</param>
/// <param name="BaselineOption">The explicit --baseline (a branch or a commit), or null: the pull request's target branch, else main.</param>
/// <param name="AllowList">Accepted regressions, loaded before the ledger is opened so a bad file writes nothing.</param>
/// <param name="Today">The date expiries are checked against, read from the clock once by the caller.</param>
/// <param name="SourceTolerances">
/// Tolerances given to single run logs (relative paths as the ledger names them): a recipe whose logs carry one is
/// gated with the strictest of them instead of <see cref="GateOptions.Tolerance"/>. Null or empty for none.
/// </param>
/// <param name="ReferenceOption">--reference: the commit of the baseline branch drift is measured from; null for the oldest of the last <see cref="GateDrift.Window"/>.</param>
public sealed record GateRequest(
    string? CommitOption,
    string? BranchOption,
    string BaseDirectory,
    Func<string, string?> Environment,
    string? BaselineOption,
    FitOptions Fit,
    GateOptions Gate,
    AllowList AllowList,
    DateOnly Today,
    IReadOnlyDictionary<string, double>? SourceTolerances = null,
    string? ReferenceOption = null);

/// <summary>What one gate call decided.</summary>
/// <param name="Baseline">The snapshot compared with; null when the ledger had none (every recipe is new).</param>
public sealed record GateOutcome(GateReport Report, Snapshot Current, Snapshot? Baseline)
{
    public bool Failed => Report.Failed;
}
