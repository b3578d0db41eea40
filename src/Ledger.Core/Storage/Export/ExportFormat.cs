namespace Ledger.Core.Storage.Export;

/// <summary>
/// The names of ledger.export/1: a ledger as JSON Lines, one record a line. The first line names the schema, the last
/// counts the records, so a file cut short is told from a whole one. Described field by field in README.md.
/// </summary>
internal static class ExportFormat
{
    public const string Schema = "ledger.export/1";

    public const string Header = "header";
    public const string Run = "run";
    public const string Snapshot = "snapshot";
    public const string Fit = "fit";
    public const string Verdict = "verdict";
    public const string GateSummary = "gateSummary";
    public const string GateFacts = "gateFacts";
    public const string ReadFile = "readFile";
    public const string End = "end";

    /// <summary>The record types in the order a file holds them: a record names only records of earlier lines.</summary>
    public static readonly string[] Order = [Header, Run, Snapshot, Fit, Verdict, GateSummary, GateFacts, ReadFile, End];

    /// <summary>The text of a double that is not finite (a fit's open interval): JSON numbers cannot say it.</summary>
    public static string? NonFinite(double value) => value switch
    {
        double.PositiveInfinity => "Infinity",
        double.NegativeInfinity => "-Infinity",
        _ when double.IsNaN(value) => "NaN",
        _ => null,
    };
}
