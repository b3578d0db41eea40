using System.Globalization;
using Ledger.Core.Diagnostics;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Provenance;
using Ledger.Core.Storage;

namespace Ledger.Core.Project;

/// <summary>
/// Ledger's configuration as a project states it (LedgerRunLog items and Ledger properties): one reading of it for
/// the MSBuild tasks and `ledger --project`, so the build and the CLI append, fit and gate the same way.
/// Relative paths are relative to the project's folder, which is also where the build's commit and branch are detected.
/// </summary>
/// <param name="SourceTolerances">Tolerance metadata of single logs, by the path the ledger names them with.</param>
/// <param name="LockTimeout">How long each ledger call waits for the file lock (LedgerLockTimeout, else LEDGER_LOCK_TIMEOUT, else 30 s).</param>
public sealed record ProjectConfiguration(
    string ProjectFile,
    string ProjectDirectory,
    LedgerLocation Database,
    IReadOnlyList<LogSelection> Logs,
    IReadOnlyDictionary<string, double> SourceTolerances,
    string? Commit,
    string? Branch,
    string? Baseline,
    FitOptions Fit,
    GateOptions Gate,
    string AllowListPath,
    string ReportDirectory,
    TimeSpan LockTimeout,
    bool ReportForce = false,
    string? Reference = null,
    string? JUnitFile = null)
{
    /// <summary>The allow-list a project uses when it names none, beside the project file.</summary>
    public const string DefaultAllowList = "ledger.allow.json";

    /// <summary>The report folder a project uses when it names none, beside the project file.</summary>
    public const string DefaultReportDirectory = "ledger-report";

    /// <param name="property">A property's evaluated value, or null when the project does not set it.</param>
    /// <param name="environment">Looks up LEDGER_DB when the project names no database.</param>
    /// <exception cref="LedgerInputException">LEDGER120: a property or metadata value that cannot mean anything; LEDGER140: a LedgerDatabase address that cannot be read; LEDGER130: a LedgerCommit or LedgerBranch holding a control character; both located at the project file.</exception>
    public static ProjectConfiguration Read(string projectFile, IReadOnlyList<RunLogItem> items, Func<string, string?> property,
        Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(environment);
        var directory = Path.GetDirectoryName(Path.GetFullPath(projectFile))!;
        string? Text(string name) => string.IsNullOrWhiteSpace(property(name)) ? null : property(name)!.Trim();
        string InProject(string path) => Path.GetFullPath(path, directory);

        var gate = new GateOptions
        {
            Tolerance = Text(LedgerProperties.Tolerance) is { } tolerance ? Tolerance(projectFile, LedgerProperties.Tolerance, tolerance) : new GateOptions().Tolerance,
            LowerIsBetter = Text(LedgerProperties.LowerIsBetter) is { } lower && Flag(projectFile, LedgerProperties.LowerIsBetter, lower),
            SeedSd = Text(LedgerProperties.SeedSd) is { } seedSd ? SeedSd(projectFile, seedSd) : null,
            Unverified = Text(LedgerProperties.Unverified) is { } unverified ? Unverified(projectFile, unverified) : UnverifiedPolicy.Fail,
            FailOnDrift = Text(LedgerProperties.FailOnDrift) is { } failOnDrift && Flag(projectFile, LedgerProperties.FailOnDrift, failOnDrift),
        };
        return new ProjectConfiguration(
            projectFile,
            directory,
            // A file is made absolute against the project's folder; a server's address is kept as it is.
            LedgerLocation.Parse(LedgerPath.Resolve(Text(LedgerProperties.Database), environment), SourceLocation.WholeFile(projectFile)).RelativeTo(directory),
            Selections(items),
            TolerancesBySource(projectFile, directory, items),
            BuildName(projectFile, Text(LedgerProperties.Commit), $"commit ({LedgerProperties.Commit})"),
            BuildName(projectFile, Text(LedgerProperties.Branch), $"branch ({LedgerProperties.Branch})"),
            Text(LedgerProperties.Baseline),
            FitOptionsOf(projectFile, Text) with { Tolerance = gate.Tolerance },
            gate,
            InProject(Text(LedgerProperties.AllowList) ?? DefaultAllowList),
            InProject(Text(LedgerProperties.ReportDirectory) ?? DefaultReportDirectory),
            LedgerLockTimeout.Resolve(Text(LedgerProperties.LockTimeout), LedgerProperties.LockTimeout, SourceLocation.WholeFile(projectFile), environment),
            Text(LedgerProperties.ReportForce) is { } force && Flag(projectFile, LedgerProperties.ReportForce, force),
            Text(LedgerProperties.Reference),
            Text(LedgerProperties.JUnitFile) is { } junit ? InProject(junit) : null);
    }

    public AppendRequest AppendRequest(DateTimeOffset time, Func<string, string?> environment) =>
        new(Logs, ProjectDirectory, Commit, Branch, time, environment);

    public FitRequest FitRequest(Func<string, string?> environment) => new(Commit, Branch, ProjectDirectory, environment, Fit);

    /// <summary>
    /// True when LedgerAllowList names a file other than the default one beside the project: then the file must
    /// exist (a typo in the path would otherwise allow nothing without a word). The targets fill in the default path.
    /// </summary>
    public bool AllowListNamed => !string.Equals(AllowListPath, Path.Combine(ProjectDirectory, DefaultAllowList), StringComparison.Ordinal);

    /// <summary>
    /// `ledger gate`; the project's allow-list is read here, before the ledger is opened, so a bad one (LEDGER122), or a
    /// named one that does not exist (LEDGER101), writes nothing.
    /// </summary>
    public GateRequest GateRequest(DateOnly today, Func<string, string?> environment) =>
        new(Commit, Branch, ProjectDirectory, environment, Baseline, Fit, Gate, LoadAllowList(), today, SourceTolerances, Reference);

    /// <summary>`ledger check --project`: the build's steps in one call, with a report only when a folder is given.</summary>
    public CheckRequest CheckRequest(DateTimeOffset time, Func<string, string?> environment, string? reportDirectory, string? templateDirectory,
        bool reportForce = false) =>
        new(AppendRequest(time, environment), Baseline, Fit, Gate, LoadAllowList(), DateOnly.FromDateTime(time.UtcDateTime),
            reportDirectory, templateDirectory, SourceTolerances, reportForce || ReportForce, Reference);

    private AllowList LoadAllowList() => AllowList.Load(AllowListPath, mustExist: AllowListNamed);

    public ReportRequest ReportRequest() => new(ReportDirectory, null, null, null, null, Fit, ReportForce, LoadAllowList(), Gate.LowerIsBetter);

    /// <summary>Items with the same read metadata are read as one selection, in the order the project lists them.</summary>
    private static IReadOnlyList<LogSelection> Selections(IReadOnlyList<RunLogItem> items) =>
        items
            .GroupBy(item => ReadOptionsOf(item.Metadata))
            .Select(group => new LogSelection(group.Select(item => item.FullPath).ToList(), group.Key))
            .ToList();

    /// <summary>Metadata named as <see cref="ReadOptions"/> properties; the readers validate the values (LEDGER120 at the log).</summary>
    private static ReadOptions ReadOptionsOf(IReadOnlyDictionary<string, string> metadata)
    {
        string? Text(string name) => MetadataValue(metadata, name);
        double? Number(string name) => Text(name) is { } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN
            : null;
        return new ReadOptions
        {
            Recipe = Text(nameof(ReadOptions.Recipe)),
            RecipeFrom = Text(nameof(ReadOptions.RecipeFrom)),
            RecipePattern = Text(nameof(ReadOptions.RecipePattern)),
            RecipeColumn = Text(nameof(ReadOptions.RecipeColumn)),
            RunColumn = Text(nameof(ReadOptions.RunColumn)),
            ComputeColumn = Text(nameof(ReadOptions.ComputeColumn)),
            RewardColumn = Text(nameof(ReadOptions.RewardColumn)),
            StepColumn = Text(nameof(ReadOptions.StepColumn)),
            RuntimeColumn = Text(nameof(ReadOptions.RuntimeColumn)),
            GpuHoursPerStep = Number(nameof(ReadOptions.GpuHoursPerStep)),
            Gpus = Number(nameof(ReadOptions.Gpus)),
            Format = Text(nameof(ReadOptions.Format)),
        };
    }

    private static IReadOnlyDictionary<string, double> TolerancesBySource(string projectFile, string directory, IReadOnlyList<RunLogItem> items)
    {
        var tolerances = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (MetadataValue(item.Metadata, LedgerProperties.ToleranceMetadata) is { } text)
            {
                var source = RunLogPaths.Relative(item.FullPath, directory);
                tolerances[source] = Tolerance(projectFile, $"{LedgerProperties.RunLogItemType} '{source}' {LedgerProperties.ToleranceMetadata}", text);
            }
        }
        return tolerances;
    }

    /// <summary>A metadata value, trimmed, or null when blank; names compare as MSBuild compares them, ignoring case.</summary>
    private static string? MetadataValue(IReadOnlyDictionary<string, string> metadata, string name) =>
        metadata.FirstOrDefault(m => string.Equals(m.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { } value && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : null;

    private static double Tolerance(string projectFile, string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0
            ? value
            : throw Invalid(projectFile, name, text, "a finite number >= 0 (an absolute drop in A, such as 0.02)");

    private static string? BuildName(string projectFile, string? value, string what) =>
        value is null ? null : BuildNames.Require(value, what, SourceLocation.WholeFile(projectFile));

    private static double SeedSd(string projectFile, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value > 0
            ? value
            : throw Invalid(projectFile, LedgerProperties.SeedSd, text, "a positive number: the seed-to-seed standard deviation of A, such as 0.01");

    private static UnverifiedPolicy Unverified(string projectFile, string text) =>
        UnverifiedPolicies.TryParse(text, out var policy) ? policy : throw Invalid(projectFile, LedgerProperties.Unverified, text, "fail or warn");

    private static bool Flag(string projectFile, string name, string text) =>
        bool.TryParse(text, out var value) ? value : throw Invalid(projectFile, name, text, "true or false");

    /// <summary>The fit options a project sets: the model and the compute window (LEDGER120 at the project for values that mean nothing).</summary>
    private static FitOptions FitOptionsOf(string projectFile, Func<string, string?> text)
    {
        double? Compute(string name) => text(name) is { } value
            ? double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var compute) ? compute
                : throw Invalid(projectFile, name, value, "a compute in GPU-hours, such as 1500")
            : null;
        var (min, max) = (Compute(LedgerProperties.MinCompute), Compute(LedgerProperties.MaxCompute));
        var options = new FitOptions
        {
            Model = Model(projectFile, text(LedgerProperties.Model)),
            Window = (min, max) is (null, null) ? null : new ComputeWindow(min, max),
        };
        return FitOptionsValidator.Validate(options, projectFile, option => option switch
        {
            FitOptionsValidator.MinComputeOption => LedgerProperties.MinCompute,
            FitOptionsValidator.MaxComputeOption => LedgerProperties.MaxCompute,
            _ => option,
        });
    }

    private static CurveModelKind Model(string projectFile, string? text) =>
        text is null ? new FitOptions().Model
        : CurveModelNames.TryParse(text, out var model) ? model
        : throw Invalid(projectFile, LedgerProperties.Model, text, $"one of {string.Join(", ", CurveModelNames.All)}");

    private static LedgerInputException Invalid(string projectFile, string name, string value, string expected) =>
        new(ErrorCodes.InvalidOption, SourceLocation.WholeFile(projectFile), $"{name} = '{value}'", expected);
}
