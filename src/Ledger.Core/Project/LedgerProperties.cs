namespace Ledger.Core.Project;

/// <summary>
/// The MSBuild properties a project sets for Ledger (PRODUCT.md section 5), read the same way by the MSBuild tasks and
/// by `ledger --project`. Blank values mean "the default".
/// </summary>
public static class LedgerProperties
{
    public const string Database = "LedgerDatabase";
    public const string Tolerance = "LedgerTolerance";
    public const string Baseline = "LedgerBaseline";
    public const string Commit = "LedgerCommit";
    public const string Branch = "LedgerBranch";
    public const string Model = "LedgerModel";
    public const string LowerIsBetter = "LedgerLowerIsBetter";
    public const string AllowList = "LedgerAllowList";
    public const string ReportDirectory = "LedgerReportDirectory";
    public const string MinCompute = "LedgerMinCompute";
    public const string MaxCompute = "LedgerMaxCompute";
    public const string SeedSd = "LedgerSeedSd";
    public const string Unverified = "LedgerUnverified";
    public const string ReportForce = "LedgerReportForce";
    public const string Reference = "LedgerReference";
    public const string FailOnDrift = "LedgerFailOnDrift";
    public const string LockTimeout = "LedgerLockTimeout";
    public const string JUnitFile = "LedgerJUnitFile";

    /// <summary>Every property above, in the order the settings stamp lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Database, Tolerance, Baseline, Commit, Branch, Model, LowerIsBetter, AllowList, ReportDirectory, MinCompute, MaxCompute, SeedSd, Unverified, ReportForce,
            Reference, FailOnDrift, LockTimeout, JUnitFile];

    /// <summary>The item type that lists a project's run logs.</summary>
    public const string RunLogItemType = "LedgerRunLog";

    /// <summary>Item metadata that sets one log's tolerance; the others are <see cref="Ingest.ReadOptions"/> property names.</summary>
    public const string ToleranceMetadata = "Tolerance";
}
