using Ledger.Core.Fitting;
using Ledger.Core.Provenance;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>`ledger rank`: whose snapshot (the branch, default the build's), how to fit, and which way is better.</summary>
public sealed record RankRequest(string? BranchOption, string BaseDirectory, Func<string, string?> Environment, FitOptions Fit, bool LowerIsBetter);

/// <summary>The recipes of one snapshot: those whose A the data identify, best first, then the rest (with their reasons) by name.</summary>
public sealed record RankOutcome(Snapshot Snapshot, IReadOnlyList<SnapshotRecipeFit> Ranked, IReadOnlyList<SnapshotRecipeFit> Unidentified, bool LowerIsBetter);

/// <summary>
/// `ledger rank`: the recipes of the latest snapshot of a branch ranked by fitted A (PRODUCT.md: rank by A, never by
/// an early score). A recipe whose A is unidentified is never ranked: it is listed after, with the reason.
/// Writes nothing.
/// </summary>
public static class RankUseCase
{
    /// <exception cref="Diagnostics.LedgerInputException">LEDGER123: the branch has no snapshot.</exception>
    public static RankOutcome Run(RankRequest request, ILedgerStore store)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        var branch = request.BranchOption ?? BuildProvenance.Detect(null, null, request.Environment, request.BaseDirectory).Branch;
        var snapshot = BuildSnapshots.Latest(store, branch, recipe: null);
        var fits = SnapshotFits.Resolve(store, [snapshot], request.Fit);
        var identified = fits.Where(f => f.Fit.IdentifiedAsymptote is not null);
        var ranked = (request.LowerIsBetter
                ? identified.OrderBy(f => f.Fit.IdentifiedAsymptote!.Value)
                : identified.OrderByDescending(f => f.Fit.IdentifiedAsymptote!.Value))
            .ThenBy(f => f.Recipe, StringComparer.Ordinal)
            .ToList();
        var unidentified = fits.Where(f => f.Fit.IdentifiedAsymptote is null).ToList();
        return new RankOutcome(snapshot, ranked, unidentified, request.LowerIsBetter);
    }
}
