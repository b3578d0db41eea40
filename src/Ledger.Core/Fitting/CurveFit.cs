namespace Ledger.Core.Fitting;

public enum FitStatus
{
    /// <summary>The curve, and its asymptote, are pinned by the data.</summary>
    Ok,
    /// <summary>A curve was fitted, but the data cannot tell its asymptote: it must not feed a pass or a fail.</summary>
    Unidentified,
    /// <summary>No curve could be fitted at all.</summary>
    Failed,
}

/// <summary>A two-sided interval; an open side is an infinity (the profile never crossed its threshold there).</summary>
public readonly record struct Interval(double Lower, double Upper)
{
    public static Interval None { get; } = new(double.NaN, double.NaN);
    public bool IsOpen => double.IsInfinity(Lower) || double.IsInfinity(Upper);
    public bool IsKnown => !double.IsNaN(Lower) && !double.IsNaN(Upper);
    public double Width => Upper - Lower;
    public bool Contains(double value) => value >= Lower && value <= Upper;
}

/// <summary>
/// One fitted parameter: the estimate, its standard error from the Jacobian at the optimum, and the Wald interval
/// (t quantile; on the log scale for B and C_mid so they stay positive).
/// </summary>
public sealed record FitParameter(string Name, double Value, double StandardError, Interval Interval);

/// <summary>The metric predicted at one compute: the delta-method interval of the fitted curve and the bootstrap's.</summary>
public sealed record Prediction(double Compute, double Value, Interval Delta, Interval Bootstrap);

/// <summary>The compute at which the curve has gone <see cref="Fraction"/> of the way from R0 to A.</summary>
public sealed record ComputeToFraction(double Fraction, double Compute, Interval Delta, Interval Bootstrap);

/// <summary>How the bootstrap resampled: whole runs (three or more seeds) or moving blocks of residuals.</summary>
public sealed record BootstrapSummary(string Method, int Resamples, int Failed, int BlockLength, int Seed);

/// <summary>Everything Ledger knows about one fitted curve.</summary>
public sealed record CurveFit
{
    public required string Recipe { get; init; }
    public required CurveModelKind Model { get; init; }
    public required FitStatus Status { get; init; }

    /// <summary>Why the status is not ok, in words a person understands; null when ok.</summary>
    public string? Reason { get; init; }

    public required IReadOnlyList<FitParameter> Parameters { get; init; }

    /// <summary>The asymptote's name (A, or E_inf), or null for a pure power law, which has none.</summary>
    public string? AsymptoteName { get; init; }

    public Interval ProfileInterval { get; init; } = Interval.None;
    public Interval BootstrapInterval { get; init; } = Interval.None;

    /// <summary>
    /// The standard deviation of the bootstrap's A draws (times sqrt(k / (k - 1)) when k whole runs were resampled,
    /// since resampling k runs understates their spread by that factor); NaN without a bootstrap.
    /// </summary>
    public double BootstrapStandardError { get; init; } = double.NaN;
    public BootstrapSummary? Bootstrap { get; init; }

    public double RSquared { get; init; }
    public double Rmse { get; init; }
    public double Sse { get; init; }
    public int PointCount { get; init; }
    public int RunCount { get; init; }
    public int Iterations { get; init; }
    public double ConfidenceLevel { get; init; }

    /// <summary>Correlations between parameters, as (name, name, r) for every pair.</summary>
    public IReadOnlyList<(string First, string Second, double Correlation)> Correlations { get; init; } = [];

    public Prediction? Prediction { get; init; }
    public ComputeToFraction? Planning { get; init; }

    public required string FitterVersion { get; init; }
    public required string InputDigest { get; init; }

    public FitParameter? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    /// <summary>The asymptote when, and only when, the data identify it: never a bare A from an unidentified fit.</summary>
    public FitParameter? IdentifiedAsymptote => Status == FitStatus.Ok && AsymptoteName is { } name ? Parameter(name) : null;
}
