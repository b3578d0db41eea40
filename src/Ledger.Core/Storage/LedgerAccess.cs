namespace Ledger.Core.Storage;

/// <summary>What a verb may do with the ledger it opens.</summary>
public enum LedgerAccess
{
    /// <summary>Read and write; a ledger that does not exist yet (no file, an empty file, an empty database) is made by the first write.</summary>
    CreateOnWrite,

    /// <summary>Read and write a ledger that exists (fit, gate): such a verb never makes one.</summary>
    Existing,

    /// <summary>Read only (history, report, verify, export): nothing the store does can change the ledger.</summary>
    ReadOnly,
}
