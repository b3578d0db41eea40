namespace Ledger.Core.Diagnostics;

/// <summary>
/// The process exit codes of PRODUCT.md section 4 (0 to 3); the CLI and the MSBuild task both map results through this.
/// The CLI adds two of its own: the results could not be written, and a fault of Ledger itself.
/// </summary>
public enum ExitCode
{
    Success = 0,
    Regression = 1,
    BadInput = 2,
    LedgerUnavailable = 3,

    /// <summary>Standard output could not be written (a full disk, a closed pipe): whatever the verb recorded in the ledger stays recorded.</summary>
    OutputFailed = 4,

    /// <summary>An exception no rule of Ledger's expected (LEDGER901): a fault of Ledger, reported in one line.</summary>
    InternalError = 5,
}
