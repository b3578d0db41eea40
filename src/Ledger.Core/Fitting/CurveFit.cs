namespace Ledger.Core.Fitting;

public enum FitStatus
{
    /// <summary>The curve, and its asymptote, are pinned by the data.</summary>
    Ok,
    /// <summary>A curve was fitted, but the data cannot tell its asymptote: it must not feed a pass or a fail.</summary>
    Unidentified,
    /// <summary>No curve could be fitted at all.</summary>
    Failed,
    /// <summary>
    /// The sigmoid fits, but a richer curve family fits the data as well and puts the asymptote elsewhere by more than
    /// the tolerance: the ceiling depends on the model, so it must not feed a pass or a fail either.
    /// </summary>
    ModelDependent,
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

/// <summary>
/// How the bootstrap resampled: whole runs (three or more seeds) or moving blocks of residuals. <paramref name="Exhaustive"/>:
/// every distinct resample of the runs was taken once with its probability, and <paramref name="Resamples"/> counts them.
/// </summary>
public sealed record BootstrapSummary(string Method, int Resamples, int Failed, int BlockLength, int Seed, bool Exhaustive = false);

/// <summary>A point the fit left out as a gross outlier (a crashed evaluation, say), and how far from the curve it lay.</summary>
/// <param name="RobustSds">Its distance from the first fit in robust standard deviations of the residuals (1.4826 MAD).</param>
public sealed record SetAsidePoint(string Run, double Compute, double Reward, double RobustSds);

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

    /// <summary>The spread of one seed's A between the runs fitted together (two or more runs); null otherwise.</summary>
    public SeedSpread? Seeds { get; init; }

    /// <summary>
    /// How much autocorrelated noise within runs inflates the variance of A over s^2 (J'J)^-1 (1 when the residuals
    /// are not positively autocorrelated). The standard errors, Wald and profile intervals already include it.
    /// </summary>
    public double AutocorrelationInflation { get; init; } = 1.0;

    /// <summary>The richer curve (Richards) the data fit as well whose A lies farthest from the sigmoid's (sigmoid models with an identified A).</summary>
    public AlternativeCurve? Alternative { get; init; }

    /// <summary>Points set aside as gross outliers before the fit (see GrossOutliers); the other fields describe the fit without them.</summary>
    public IReadOnlyList<SetAsidePoint> SetAside { get; init; } = [];

    /// <summary>The metric the rewards are, when the runs name one (see <see cref="FitData.Metric"/>).</summary>
    public string? Metric { get; init; }

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

    /// <summary>The asymptote when, and only when, the data identify it: never a bare A from an unidentified or model-dependent fit.</summary>
    public FitParameter? IdentifiedAsymptote => Status == FitStatus.Ok && AsymptoteName is { } name ? Parameter(name) : null;
}
