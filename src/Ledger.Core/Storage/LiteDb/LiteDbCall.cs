using Ledger.Core.Diagnostics;
using LiteDB;
using LiteDB.Engine;

namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// One store call on a ledger file, under its lock: LiteDB opened over <see cref="LedgerFileStream"/>s, one transaction for a write,
/// closed again, so that other processes can take their turn between calls.
/// </summary>
/// <remarks>
/// A write returns only once its transaction is on the disk and read back. LiteDB 5.0.20 cannot promise that alone: its
/// Commit only queues the transaction's pages for a writer thread, which drops a failed write (or a failed fsync, which
/// .NET does not report) and leaves the thread waiting for the queue to drain blocked forever; measured, an injected
/// ENOSPC gave exit 0 with the data lost, or a hang. So a write here is: the transaction committed into the log, then an
/// explicit checkpoint on this thread (the log made durable first, then its pages copied into the data file and that file
/// fsynced, then the log emptied), every file fault checked, the folder fsynced when a file appeared or went, and a
/// fresh read of what was written. A fault before the data file is touched is undone (the log cut back to where it was,
/// a file this call created removed): nothing of the call is kept. A fault after that leaves the call's transaction whole
/// in the log, which the next call replays.
/// </remarks>
internal static class LiteDbCall
{
    /// <summary>Runs <paramref name="query"/> on a LiteDB engine that cannot write the file.</summary>
    /// <remarks>
    /// Each query runs in a read transaction of its own, which lets go of the pages it read when it ends; the call's lock
    /// keeps the file still, so the queries of one call still see one state of it. One transaction around the whole call
    /// held every page it read until the call ended: reading a 1,000-snapshot ledger's verdicts, fits and runs kept 189 MiB
    /// of LiteDB's page buffers alive, each a fresh array that the collector cleared and the kernel faulted in, where a
    /// transaction per query reuses a few megabytes of them (a report of that ledger 0.93x the time, 245 MiB peak against 312).
    /// </remarks>
    public static T Read<T>(LedgerFiles files, LedgerFileState state, Func<LiteDatabase, T> query)
    {
        var data = LedgerFileStream.OpenRead(files.Data, Path.GetFileName(files.Display), state.PageLength);
        var log = LedgerFileStream.OpenReadLog(files.Log, Path.GetFileName(files.DisplayLog), state.Log.WholeLength);
        try
        {
            using var engine = new LiteEngine(Settings(data, log, readOnly: true));
            using var db = new LiteDatabase(engine, disposeOnClose: false);
            return query(db);
        }
        finally
        {
            data.Release();
            log.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="change"/> in one transaction and makes it durable; then <paramref name="readBack"/>, on a
    /// fresh read-only engine, returns null when it finds what was written, else what it missed.
    /// </summary>
    /// <exception cref="LedgerUnavailableException">LEDGER405: a file operation failed; the message says whether anything of the call was kept.</exception>
    public static T Write<T>(LedgerFiles files, LedgerFileState state, Func<LiteDatabase, T> change, Func<LiteDatabase, T, string?> readBack)
    {
        var ledgerName = Path.GetFileName(files.Display);
        var creating = state.Kind != LedgerFileKind.Ledger;
        var undo = new WriteUndo(files, state);
        if (state.EndsInsidePage)
            PadToWholePages(files, state);

        var progress = new WriteProgress(creating);
        LedgerFileStream? data = null, log = null;
        LiteEngine? engine = null;
        T result;
        try
        {
            data = LedgerFileStream.OpenWrite(files.Data, ledgerName);
            log = LedgerFileStream.OpenWriteLog(files.Log, Path.GetFileName(files.DisplayLog));
            data.BeforeWrite = () => progress.BeforeDataWrite(log, files);
            engine = new LiteEngine(Settings(data, log, readOnly: false));
            progress.Phase = WritePhase.Body;
            using (var db = new LiteDatabase(engine, disposeOnClose: false))
            {
                db.BeginTrans();
                try
                {
                    result = change(db);
                }
                catch
                {
                    db.Rollback();
                    throw;
                }
                progress.Phase = WritePhase.Commit;
                db.Commit();
                engine.Checkpoint();
            }
            engine.Dispose();
            engine = null;
            ThrowIfFaulted(log, data);
            progress.Phase = WritePhase.Done;
            var logRemoved = RemoveEmptyLog(log, files);
            if ((data.Created || log.Created || logRemoved) && DiskFlush.Folder(files) is { } folderFault)
                throw new LedgerFileFaultException(folderFault);
        }
        catch (Exception e)
        {
            var phase = progress.Phase;
            progress.Phase = WritePhase.Failed;
            engine?.Dispose();
            data?.Release();
            log?.Release();
            var fault = (e as LedgerFileFaultException)?.Fault ?? log?.Fault ?? data?.Fault;
            if (fault is null)
            {
                // Not a fault of the disk (a damaged file, a caller's error): a ledger this call began is removed again.
                if (creating)
                    undo.TryRun();
                throw;
            }
            var kept = phase == WritePhase.Done ? WriteKept.InLedger
                : progress.LogDurable ? WriteKept.InLog
                : undo.TryRun() ? WriteKept.Nothing
                : WriteKept.Unknown;
            throw LedgerUnavailableException.WriteFailed(files.Display, fault.What(ledgerName), fault.Remedy, kept, files.DisplayLog, e);
        }
        data.Release();
        log.Release();

        var missing = Read(files, LedgerFileProbe.Check(files), db => readBack(db, result));
        if (missing is not null)
            throw LedgerUnavailableException.NotReadBack(files.Display, missing);
        return result;
    }

    private static EngineSettings Settings(LedgerFileStream data, LedgerFileStream log, bool readOnly) => new()
    {
        DataStream = data,
        LogStream = log,
        ReadOnly = readOnly,
        // Ordinal and case-sensitive on every machine: branches "Main" and "main" are different branches.
        Collation = Collation.Binary,
    };

    /// <summary>A data file that ends inside a page becomes whole pages again, so that LiteDB replays the log into it instead of cutting the page off.</summary>
    private static void PadToWholePages(LedgerFiles files, LedgerFileState state)
    {
        var name = Path.GetFileName(files.Display);
        FileFault? fault;
        try
        {
            using var handle = File.OpenHandle(files.Data, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            RandomAccess.SetLength(handle, state.PageLength);
            fault = DiskFlush.File(handle, name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            fault = FileFault.From("padding", name, e);
        }
        if (fault is not null)
            throw LedgerUnavailableException.WriteFailed(files.Display, fault.What(name), fault.Remedy, WriteKept.Nothing, files.DisplayLog, null);
    }

    private static bool RemoveEmptyLog(LedgerFileStream log, LedgerFiles files)
    {
        var empty = log.IsEmptyFile;
        log.Release();
        if (!empty)
            return false;
        // An empty log is no log to LiteDB; removing it is tidiness, so a failure here is not the call's failure.
        try
        {
            File.Delete(files.Log);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void ThrowIfFaulted(LedgerFileStream log, LedgerFileStream data)
    {
        if ((log.Fault ?? data.Fault) is { } fault)
            throw new LedgerFileFaultException(fault);
    }
}
