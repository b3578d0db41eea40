namespace Ledger.Core.Diagnostics;

/// <summary>
/// The one table of Ledger's stable diagnostic codes. Codes never change meaning once released: scripts and
/// MSBuild logs match on them. LEDGER1xx: bad input (exit 2). LEDGER2xx: gate failures. LEDGER3xx: warnings.
/// LEDGER4xx: the ledger (a file or a server) cannot be used (exit 3).
/// </summary>
public static class ErrorCodes
{
    // Input files and usage.
    public const string FileNotFound = "LEDGER101";
    public const string GlobMatchedNothing = "LEDGER102";
    public const string EmptyFile = "LEDGER103";
    public const string NotText = "LEDGER104";
    public const string MissingColumn = "LEDGER105";
    public const string NotANumber = "LEDGER106";
    public const string NonFiniteValue = "LEDGER107";
    public const string NegativeCompute = "LEDGER108";
    public const string DuplicateCompute = "LEDGER109";
    public const string DecreasingCompute = "LEDGER110";
    public const string LineTooLong = "LEDGER111";
    public const string MalformedCsv = "LEDGER112";
    public const string MalformedJson = "LEDGER113";
    public const string NoComputeMapping = "LEDGER114";
    public const string NoPoints = "LEDGER115";
    public const string UnknownFormat = "LEDGER116";
    public const string MissingHeader = "LEDGER117";
    public const string CannotReadFile = "LEDGER118";
    public const string InvalidOption = "LEDGER120";
    public const string MalformedLine = "LEDGER121";
    public const string InvalidAllowList = "LEDGER122";
    public const string NoSnapshot = "LEDGER123";
    public const string UnknownBaseline = "LEDGER124";
    public const string InvalidTemplate = "LEDGER125";
    public const string UnsupportedMsBuild = "LEDGER126";
    public const string InvalidProject = "LEDGER127";
    public const string MetricWithoutCompute = "LEDGER128";
    public const string RecipePatternNoMatch = "LEDGER129";
    public const string UnsafeBuildName = "LEDGER130";
    public const string ForeignReportFile = "LEDGER131";
    public const string ReportFolderBusy = "LEDGER132";
    public const string NameTooLong = "LEDGER133";
    public const string RunTooLarge = "LEDGER134";
    /// <summary>A ledger address (postgresql://...) that cannot be read.</summary>
    public const string InvalidLedgerAddress = "LEDGER140";
    /// <summary>A line of a `ledger import` file that is not a record of ledger.export/1, or contradicts the ones before it.</summary>
    public const string MalformedExport = "LEDGER141";
    /// <summary>`ledger import` into a ledger that already holds something: it only fills an empty one.</summary>
    public const string ImportTargetNotEmpty = "LEDGER142";

    // The gate (exit 1).
    public const string Regression = "LEDGER201";
    /// <summary>The baseline identified A, this build does not, and nothing shows the recipe kept its ceiling.</summary>
    public const string Unverified = "LEDGER202";

    // Warnings.
    public const string UnidentifiedFit = "LEDGER301";
    public const string RegimeChange = "LEDGER302";
    public const string ExpiredAllowance = "LEDGER303";
    public const string Suspect = "LEDGER304";
    public const string ModelDependent = "LEDGER305";
    public const string Underpowered = "LEDGER306";
    /// <summary>A fell beyond the tolerance across several commits of the baseline branch (an error with --fail-on-drift).</summary>
    public const string Drifted = "LEDGER307";

    // The ledger file (exit 3).
    public const string LedgerCannotOpen = "LEDGER401";
    public const string LedgerDamaged = "LEDGER402";
    public const string LedgerNewerSchema = "LEDGER403";
    public const string LedgerLocked = "LEDGER404";
    public const string LedgerWriteFailed = "LEDGER405";
    /// <summary>A server ledger whose schema is older than this Ledger's: `ledger db upgrade` brings it up to date.</summary>
    public const string LedgerOlderSchema = "LEDGER406";

    // A fault of Ledger itself, reported by the CLI (exit 5) and the MSBuild tasks in one line instead of a stack trace
    // (exit 134, MSB4018); please file an issue.
    public const string InternalError = "LEDGER901";
}
