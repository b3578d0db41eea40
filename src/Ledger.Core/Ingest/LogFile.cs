using Ledger.Core.Diagnostics;
using Ledger.Core.FileSystem;

namespace Ledger.Core.Ingest;

/// <summary>
/// The one way a run log is opened: only a regular file, checked before it is opened, since opening a named pipe
/// waits for a writer (forever, in CI) and a device such as /dev/zero never ends.
/// </summary>
internal static class LogFile
{
    /// <exception cref="LedgerInputException">LEDGER118: not a regular file.</exception>
    public static FileStream OpenRead(string path)
    {
        RequireRegular(path, path);
        // Unbuffered: Utf8LineReader reads in its own 64 KB chunks, so a FileStream buffer would only be copied through.
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
    }

    /// <summary>Refuses <paramref name="path"/> when it names (through links) a pipe, socket or device; anything else passes.</summary>
    /// <param name="shownAs">How the error names the file: as the user gave it.</param>
    /// <exception cref="LedgerInputException">LEDGER118: a pipe, socket or device.</exception>
    public static void RequireRegular(string path, string shownAs) => RequireRegular(FileStatus.Of(path).Kind, shownAs);

    /// <summary>Refuses a file whose status (through links) is <paramref name="kind"/> when that is a pipe, socket or device.</summary>
    /// <param name="shownAs">How the error names the file: as the user gave it.</param>
    /// <exception cref="LedgerInputException">LEDGER118: a pipe, socket or device.</exception>
    public static void RequireRegular(FileKind kind, string shownAs)
    {
        var what = kind switch
        {
            FileKind.Fifo => "a named pipe (FIFO)",
            FileKind.Socket => "a socket",
            FileKind.Device => "a device",
            _ => null,
        };
        if (what is not null)
            throw InputErrors.InFile(ErrorCodes.CannotReadFile, shownAs, $"{what}, not a regular file", "a run-log file (a regular file, or a link to one)");
    }
}
