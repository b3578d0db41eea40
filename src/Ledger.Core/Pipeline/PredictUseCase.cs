using System.Globalization;
using Ledger.Core.Diagnostics;
using Ledger.Core.Fitting;
using Ledger.Core.Provenance;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>`ledger predict`: the recipe, the compute to predict at, and whose snapshot (the branch, default the build's).</summary>
public sealed record PredictRequest(string Recipe, double Compute, string? BranchOption, string BaseDirectory, Func<string, string?> Environment, FitOptions Fit);

/// <summary>
/// `ledger predict`: the metric a recipe reaches at a compute, with its delta-method and bootstrap intervals, from the
/// latest snapshot of the branch that holds the recipe. Fits with the prediction point in its options (a stored fit
/// made with the same options is reused) and writes nothing.
/// </summary>
public static class PredictUseCase
{
    /// <exception cref="LedgerInputException">LEDGER120 a compute that is not positive; LEDGER123 no snapshot of the branch holds the recipe.</exception>
    public static SnapshotRecipeFit Run(PredictRequest request, ILedgerStore store)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        if (!(request.Compute > 0 && double.IsFinite(request.Compute)))
        {
            throw new LedgerInputException(ErrorCodes.InvalidOption, SourceLocation.WholeFile("--compute"),
                request.Compute.ToString("R", CultureInfo.InvariantCulture), "a positive compute in GPU-hours");
        }
        var branch = request.BranchOption ?? BuildProvenance.Detect(null, null, request.Environment, request.BaseDirectory).Branch;
        var snapshot = BuildSnapshots.Latest(store, branch, request.Recipe);
        var options = FitOptionsValidator.Validate(request.Fit with { PredictAt = request.Compute });
        return SnapshotFits.Resolve(store, [snapshot], options, recipe => recipe == request.Recipe).Single();
    }
}
