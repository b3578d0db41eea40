using Ledger.Core.Diagnostics;
using Ledger.Core.Storage;
using Ledger.Core.Storage.Export;

namespace Ledger.Core.Pipeline;

/// <summary>What an import loaded, by kind of record.</summary>
public sealed record ImportOutcome(IReadOnlyList<(string Kind, long Count)> Counts);

/// <summary>
/// `ledger import FILE`: an export loaded into an empty ledger, in one transaction. The whole file is read and checked
/// first (<see cref="LedgerExportReader"/>), before the ledger is opened: a file that is not a whole, consistent export is
/// exit 2 and the ledger is not touched, not even made. Then it is read again into the store's one transaction.
/// </summary>
public static class ImportUseCase
{
    /// <param name="openStore">Opens the ledger to import into, making it if need be; called only once the file has been checked.</param>
    /// <exception cref="LedgerInputException">LEDGER101/118 the file cannot be read; LEDGER141 it is not a whole export; LEDGER142 the ledger is not empty.</exception>
    public static ImportOutcome Run(string file, Func<ILedgerStore> openStore)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(openStore);
        // Kinds in the order the file holds them.
        var counts = new List<(string Kind, long Count)>();
        foreach (var record in Records(file))
        {
            var kind = Kind(record);
            if (counts.Count > 0 && counts[^1].Kind == kind)
                counts[^1] = (kind, counts[^1].Count + 1);
            else
                counts.Add((kind, 1));
        }

        using var store = openStore();
        using var text = Open(file);
        store.Import(LedgerExportReader.Read(text, file));
        return new ImportOutcome(counts);
    }

    private static IEnumerable<LedgerRecord> Records(string file)
    {
        using var text = Open(file);
        foreach (var record in LedgerExportReader.Read(text, file))
            yield return record;
    }

    private static string Kind(LedgerRecord record) => record switch
    {
        RunEntry => "runs",
        SnapshotEntry => "snapshots",
        FitEntry => "fits",
        VerdictEntry => "verdicts",
        GateSummaryEntry => "gate summaries",
        GateFactsEntry => "gate facts",
        _ => "read-file records",
    };

    private static StreamReader Open(string file)
    {
        try
        {
            return new StreamReader(file, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, new FileStreamOptions { BufferSize = 1 << 16 });
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new LedgerInputException(ErrorCodes.FileNotFound, SourceLocation.WholeFile(file), "no such file", "a file that ledger export wrote");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LedgerInputException(ErrorCodes.CannotReadFile, SourceLocation.WholeFile(file),
                $"a file that cannot be read ({e.Message.TrimEnd('.')})", "a readable file that ledger export wrote");
        }
    }
}
