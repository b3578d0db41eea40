namespace Ledger.Core.Storage;

/// <summary>What of a failed write call remains in the ledger: its message says so, since a CI job must know whether to run it again.</summary>
internal enum WriteKept
{
    Nothing,

    /// <summary>Committed in the write-ahead log, which the next call replays.</summary>
    InLog,

    /// <summary>In the data file; only flushing its folder failed.</summary>
    InLedger,

    /// <summary>The fault came before the data file was touched, but undoing the call failed too.</summary>
    Unknown,
}
