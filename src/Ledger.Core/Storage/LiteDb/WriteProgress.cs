namespace Ledger.Core.Storage.LiteDb;

/// <summary>Where a write call is, which decides what a fault means.</summary>
internal enum WritePhase
{
    /// <summary>LiteDB opening the file (and writing the header page of a new one).</summary>
    Open,

    /// <summary>The call's changes going into the transaction; only the log is written.</summary>
    Body,

    /// <summary>The commit and the checkpoint that copies the log into the data file.</summary>
    Commit,

    /// <summary>The data file holds the call's changes; only tidying up is left.</summary>
    Done,

    /// <summary>
    /// The call failed and LiteDB is being closed: its close would retry the checkpoint, so the data file takes no more
    /// writes, and what the failure kept or not stays as it was classified.
    /// </summary>
    Failed,
}

/// <summary>
/// The phases of one write call, and the write-ahead rule: before the first page of a checkpoint overwrites the data
/// file, the log that holds the transaction is fsynced (and its folder, when the log is new). From then on the call's
/// changes are kept whatever fails: the log replays them. LiteDB's own writer thread fsyncs the log only whenever its
/// queue runs dry, with no order against the checkpoint, and drops the failure.
/// </summary>
internal sealed class WriteProgress(bool creating)
{
    public WritePhase Phase { get; set; } = WritePhase.Open;

    /// <summary>Whether the log holding the call's transaction reached the disk before the data file was written.</summary>
    public bool LogDurable { get; private set; }

    /// <summary>Runs before every write of the data file.</summary>
    /// <exception cref="NotSupportedException">
    /// A data write outside a commit: LiteDB marking, in the header of a file it failed on, that it wants rebuilding (a
    /// file the ledger could not use is left byte for byte as it was; Ledger never rebuilds one), or LiteDB's close
    /// retrying the checkpoint of a call that failed.
    /// </exception>
    /// <exception cref="LedgerFileFaultException">The log could not be made durable; the data file is not touched.</exception>
    public void BeforeDataWrite(LedgerFileStream log, LedgerFiles files)
    {
        if (Phase == WritePhase.Open && creating)
            return;
        if (Phase != WritePhase.Commit)
            throw new NotSupportedException($"{files.Display} is written only by a commit");
        if (LogDurable)
            return;
        log.Flush();
        if (log.Fault is { } fault)
            throw new LedgerFileFaultException(fault);
        if (log.Created && DiskFlush.Folder(files) is { } folderFault)
            throw new LedgerFileFaultException(folderFault);
        LogDurable = true;
    }
}
