using System.Text;
using Ledger.Core.Diagnostics;

namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// Looks at a ledger path before LiteDB does. LiteDB silently re-initialises a file shorter than one page and
/// fails with arbitrary exceptions on garbage, so a damaged or foreign file is recognised here, by LiteDB 5's
/// header, before anything can write to it.
/// </summary>
internal static class LedgerFileProbe
{
    private const int PageSize = 8192;
    private const int HeaderInfoOffset = 32;
    private static readonly byte[] HeaderInfo = Encoding.ASCII.GetBytes("** This is a LiteDB file **");

    /// <summary>Returns whether the file already exists; throws when it cannot or must not be opened.</summary>
    /// <exception cref="LedgerUnavailableException">The path is a folder, its folder is missing, or the file is not a whole LiteDB 5 file.</exception>
    public static bool Check(string fullPath, string displayPath)
    {
        if (Directory.Exists(fullPath))
            throw LedgerUnavailableException.CannotOpen(displayPath, "the path is a folder, not a file");
        var folder = Path.GetDirectoryName(fullPath);
        if (folder is not null && !Directory.Exists(folder))
            throw LedgerUnavailableException.CannotOpen(displayPath, $"the folder '{folder}' does not exist");
        if (!File.Exists(fullPath))
            return false;

        try
        {
            using var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            // An empty file is what mktemp or touch leaves: nothing to lose, so it becomes a new ledger.
            if (file.Length == 0)
                return false;
            if (file.Length < PageSize || file.Length % PageSize != 0)
                throw LedgerUnavailableException.Damaged(displayPath, $"its length {file.Length} is not a whole number of {PageSize}-byte pages, so it was truncated or is not a LiteDB file");
            var header = new byte[HeaderInfoOffset + HeaderInfo.Length];
            file.ReadExactly(header);
            if (!header.AsSpan(HeaderInfoOffset).SequenceEqual(HeaderInfo))
                throw LedgerUnavailableException.Damaged(displayPath, "it has no LiteDB 5 header");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw LedgerUnavailableException.CannotOpen(displayPath, e.Message, e);
        }
    }
}
