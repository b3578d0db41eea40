namespace Ledger.Core.Diagnostics;

/// <summary>The process exit codes of PRODUCT.md section 4; the CLI and the MSBuild task both map results through this.</summary>
public enum ExitCode
{
    Success = 0,
    Regression = 1,
    BadInput = 2,
    LedgerUnavailable = 3,
}
