using Ledger.Core.Diagnostics;
using LiteDB;

namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// LiteDB's own size limits, should a record reach one that <see cref="LedgerLimits"/> does not check up front (a
/// snapshot of hundreds of thousands of runs): the input is too large, the ledger is fine, and nothing was written.
/// </summary>
internal static class LiteDbLimits
{
    /// <summary>The input error for a LiteDB limit, or null when <paramref name="error"/> is no such thing.</summary>
    public static LedgerInputException? Exceeded(Exception error, string displayPath) => error switch
    {
        LiteException { ErrorCode: LiteException.INVALID_INDEX_KEY } => new LedgerInputException(ErrorCodes.NameTooLong,
            SourceLocation.WholeFile(displayPath), $"a name the ledger indexes that is too long ({error.Message})",
            $"commits, branches and recipes of at most {LedgerLimits.MaxNameBytes} bytes of UTF-8; nothing was written"),
        LiteException when error.Message.StartsWith("Document size exceed", StringComparison.Ordinal) => new LedgerInputException(ErrorCodes.RunTooLarge,
            SourceLocation.WholeFile(displayPath), "a record larger than the 16 MB a ledger record holds",
            "fewer runs per snapshot or fewer points per run; nothing was written"),
        _ => null,
    };
}
