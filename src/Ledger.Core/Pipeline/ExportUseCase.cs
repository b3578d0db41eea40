using Ledger.Core.Diagnostics;
using Ledger.Core.FileSystem;
using Ledger.Core.Storage;
using Ledger.Core.Storage.Export;

namespace Ledger.Core.Pipeline;

/// <summary>What an export wrote: the records, and the file (null for standard output).</summary>
public sealed record ExportOutcome(long Records, string? File);

/// <summary>
/// `ledger export`: the whole ledger as ledger.export/1, the backup format and the way between stores. Reads in one
/// read, so the export is one state of the ledger even while other machines write. To a file, it is written beside it
/// and renamed into place once whole and on the disk: a failed export never leaves a file of the backup's name.
/// </summary>
public static class ExportUseCase
{
    /// <param name="file">The file to write; null writes to <paramref name="standardOutput"/>.</param>
    /// <exception cref="LedgerInputException">LEDGER118: the file cannot be written.</exception>
    public static ExportOutcome Run(ILedgerStore store, string? file, Stream standardOutput)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(standardOutput);
        if (file is null)
            return new ExportOutcome(Write(store, standardOutput), null);

        return new ExportOutcome(WholeFile.Write(file, stream => Write(store, stream)), file);
    }

    private static long Write(ILedgerStore store, Stream output)
    {
        using var writer = new LedgerExportWriter(output);
        store.ReadAll(writer.Write);
        writer.Finish();
        return writer.Records;
    }
}
