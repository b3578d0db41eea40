using Ledger.Core.Diagnostics;

namespace Ledger.Core.FileSystem;

/// <summary>
/// Writes a file a CI step or a person will read by its name: beside it first, flushed to the disk, then renamed into
/// place, so a failed or killed write never leaves a file of that name half written, and an older one stays whole.
/// </summary>
public static class WholeFile
{
    /// <exception cref="LedgerInputException">LEDGER118: the file cannot be written; nothing of that name was changed.</exception>
    public static T Write<T>(string file, Func<Stream, T> write)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(file);
        var partial = $"{full}.{Environment.ProcessId}.partial";
        try
        {
            T result;
            using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                result = write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(partial, full, overwrite: true);
            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LedgerInputException(ErrorCodes.CannotReadFile, SourceLocation.WholeFile(file),
                $"a file that cannot be written ({e.Message.TrimEnd('.')})", "a file in a folder that exists and may be written");
        }
        finally
        {
            File.Delete(partial);
        }
    }
}
