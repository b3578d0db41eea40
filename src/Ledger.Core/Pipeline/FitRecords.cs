using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Ledger.Core.Fitting;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>
/// The one mapping between the fit engine's <see cref="CurveFit"/> and the ledger's <see cref="StoredFit"/>:
/// every verb that records or reads fits (history, fit, gate, verify, predict, rank) goes through here, so a stored
/// fit always means the same thing. The queryable fields (parameters, status, statistics) are copied out; the
/// whole fit travels as <see cref="FitPayload"/> JSON, which round-trips every double bit for bit.
/// </summary>
public static class FitRecords
{
    /// <summary>The ledger's record of <paramref name="fit"/>, made with <paramref name="options"/> from the runs <paramref name="runDigests"/> (in fit order).</summary>
    public static StoredFit ToStored(CurveFit fit, FitOptions options, IReadOnlyList<string> runDigests)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runDigests);
        return new StoredFit(
            Recipe: fit.Recipe,
            Model: fit.Model.Name(),
            OptionsDigest: OptionsDigest(options),
            FitterVersion: fit.FitterVersion,
            InputDigest: fit.InputDigest,
            Parameters: fit.Parameters
                .Select(p => new StoredParameter(p.Name, p.Value, p.StandardError, p.Interval.Lower, p.Interval.Upper))
                .ToArray(),
            Status: StatusName(fit.Status),
            Reason: fit.Reason,
            RSquared: fit.RSquared,
            Rmse: fit.Rmse,
            Sse: fit.Sse,
            N: fit.PointCount,
            PayloadJson: FitPayload.Write(fit, options, runDigests));
    }

    /// <summary>The fit a stored record holds, read back from its payload.</summary>
    /// <exception cref="FormatException">The payload is not a fit payload, or disagrees with the record's own fields.</exception>
    public static CurveFit ToCurveFit(StoredFit stored) => Contents(stored).Fit;

    /// <summary>The fit a stored record holds with the options and runs it was made from, read back from its payload.</summary>
    /// <exception cref="FormatException">The payload is not a fit payload, or disagrees with the record's own fields.</exception>
    public static FitPayloadContents Contents(StoredFit stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var contents = FitPayload.Read(stored.PayloadJson);
        var fit = contents.Fit;
        if (fit.Recipe != stored.Recipe || fit.InputDigest != stored.InputDigest || fit.Model.Name() != stored.Model
            || StatusName(fit.Status) != stored.Status || fit.FitterVersion != stored.FitterVersion
            || OptionsDigest(contents.Options) != stored.OptionsDigest)
        {
            throw new FormatException($"the stored fit of recipe '{stored.Recipe}' has a payload that disagrees with its record");
        }
        return contents;
    }

    /// <summary>
    /// The fit a stored record holds as far as reading its A needs, from its identity and payload alone: status,
    /// parameters, statistics, the seeds' spread, the metric and the counts, read from the payload in one pass that skips
    /// the rest (<see cref="FitPayloadSummary"/>), and the runs it was made from. Intervals of A other than the parameters',
    /// the bootstrap, prediction and planning are left at their defaults: for verbs that read A along a long history
    /// (changes, the gate's drift), never for one that shows a fit.
    /// </summary>
    /// <param name="summary">The payload's summary (<see cref="FitSummaryText"/>), or the payload, as UTF-8.</param>
    /// <exception cref="FormatException">The payload is not a fit payload, or disagrees with the record's identity.</exception>
    public static (CurveFit Fit, IReadOnlyList<string> RunDigests) AsymptoteOf(FitIdentity identity, ReadOnlySpan<byte> summary)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var read = FitPayloadSummary.Read(summary);
        if (read.Recipe != identity.Recipe || read.InputDigest != identity.InputDigest || read.FitterVersion != identity.FitterVersion
            || read.Model != identity.Model || !CurveModelNames.TryParse(identity.Model, out var model))
        {
            throw new FormatException($"the stored fit of recipe '{identity.Recipe}' has a payload that disagrees with its record");
        }
        return (new CurveFit
        {
            Recipe = identity.Recipe,
            Model = model,
            Status = ParseStatus(read.Status),
            Reason = read.Reason,
            Parameters = read.Parameters,
            AsymptoteName = read.AsymptoteName,
            Metric = read.Metric,
            Seeds = read.Seeds,
            PointCount = read.PointCount,
            RunCount = read.RunCount,
            ConfidenceLevel = read.ConfidenceLevel,
            RSquared = read.RSquared,
            Rmse = read.Rmse,
            Sse = read.Sse,
            FitterVersion = identity.FitterVersion,
            InputDigest = identity.InputDigest,
        }, read.Runs);
    }

    /// <summary>Whether <paramref name="stored"/> was made by this fitter with <paramref name="options"/>, whatever its inputs.</summary>
    public static bool MadeWith(StoredFit stored, FitOptions options) =>
        stored.FitterVersion == CurveFitter.Version && stored.Model == options.Model.Name() && stored.OptionsDigest == OptionsDigest(options);

    /// <summary>How this fitter makes a fit with <paramref name="options"/>: what the record of such a fit holds, whatever its inputs.</summary>
    public static FitOrigin OriginOf(FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new FitOrigin(options.Model.Name(), OptionsDigest(options), CurveFitter.Version);
    }

    /// <summary>
    /// Whether <paramref name="stored"/> is the fit this fitter would compute for the input with digest
    /// <paramref name="inputDigest"/> under <paramref name="options"/>: same inputs, same options, same fitter version.
    /// </summary>
    public static bool Matches(StoredFit stored, string inputDigest, FitOptions options) =>
        stored.InputDigest == inputDigest && MadeWith(stored, options);

    /// <summary>SHA-256 hex of the options' canonical text: equal options, equal digest.</summary>
    /// <remarks>Kept per options object (options are immutable): a verb that reads a long history matches it against every stored fit.</remarks>
    public static string OptionsDigest(FitOptions options) =>
        Digests.GetValue(options, o => new StrongBox<string>(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(o.Canonical()))))).Value!;

    private static readonly ConditionalWeakTable<FitOptions, StrongBox<string>> Digests = new();

    /// <summary>The status as the ledger and every output spell it: ok, unidentified, model-dependent, failed.</summary>
    public static string StatusName(FitStatus status) => status switch
    {
        FitStatus.Ok => "ok",
        FitStatus.Unidentified => "unidentified",
        FitStatus.ModelDependent => "model-dependent",
        FitStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "no name for this status"),
    };

    /// <exception cref="FormatException">Not a status name.</exception>
    public static FitStatus ParseStatus(string name) => name switch
    {
        "ok" => FitStatus.Ok,
        "unidentified" => FitStatus.Unidentified,
        "model-dependent" => FitStatus.ModelDependent,
        "failed" => FitStatus.Failed,
        _ => throw new FormatException($"'{name}' is not a fit status"),
    };
}
