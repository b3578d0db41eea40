using System.Globalization;
using Ledger.Core.Diagnostics;
using Ledger.Core.Pipeline;

namespace Ledger.Core.Reporting;

/// <summary>The lines `ledger export`, `ledger import` and `ledger db upgrade` print on success.</summary>
public static class TransferText
{
    /// <example>exported 412 records of ledger.db to backup.jsonl</example>
    public static string Export(ExportOutcome outcome, string ledger)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return string.Create(CultureInfo.InvariantCulture,
            $"exported {outcome.Records} records of {DisplayText.Escape(ledger)} to {(outcome.File is null ? "standard output" : DisplayText.Escape(outcome.File))}\n");
    }

    /// <example>imported 12 runs, 5 snapshots, 30 fits, 30 verdicts into postgresql://ci@db:5432/ledger</example>
    public static string Import(ImportOutcome outcome, string ledger)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var counts = outcome.Counts.Count == 0 ? "nothing (the export holds an empty ledger)"
            : string.Join(", ", outcome.Counts.Select(count => string.Create(CultureInfo.InvariantCulture, $"{count.Count} {count.Kind}")));
        return $"imported {counts} into {DisplayText.Escape(ledger)}\n";
    }

    /// <param name="versions">The schema version before and after; null for a ledger file.</param>
    public static string Upgrade((int Before, int After)? versions, string ledger) => versions switch
    {
        null => $"{DisplayText.Escape(ledger)} is a ledger file: it needs no upgrade (the write that first needs a newer layout raises its version)\n",
        ({ } before, { } after) when before == after => $"{DisplayText.Escape(ledger)} is at schema version {after}: nothing to do\n",
        (0, { } after) => $"made the ledger's tables in {DisplayText.Escape(ledger)}: schema version {after}\n",
        ({ } before, { } after) => $"upgraded {DisplayText.Escape(ledger)} from schema version {before} to {after}\n",
    };
}
