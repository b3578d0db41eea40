namespace Ledger.Core.Storage;

/// <summary>
/// A fit as the ledger keeps it: the fields the ledger queries and reports on, plus the fit engine's full result
/// as opaque JSON so the engine can evolve without a schema change. The fit engine maps to and from this.
/// </summary>
/// <param name="OptionsDigest">Identifies the fit options used, in whatever form the fit engine chooses.</param>
/// <param name="InputDigest">The fit cache key: must cover everything that determines the fit (points, model, options, fitter version).</param>
/// <param name="Status">ok, unidentified or failed, as the fit engine names them.</param>
/// <param name="Reason">Why the status is not ok, in words a person understands; null when ok.</param>
/// <param name="N">Number of points fitted.</param>
/// <param name="PayloadJson">The fit engine's own serialisation of the complete fit.</param>
public sealed record StoredFit(
    string Recipe,
    string Model,
    string OptionsDigest,
    string FitterVersion,
    string InputDigest,
    IReadOnlyList<StoredParameter> Parameters,
    string Status,
    string? Reason,
    double RSquared,
    double Rmse,
    double Sse,
    int N,
    string PayloadJson);

/// <summary>One fitted parameter with its standard error and interval; non-finite values (an open interval) round-trip.</summary>
public readonly record struct StoredParameter(string Name, double Value, double StandardError, double Lower, double Upper);
