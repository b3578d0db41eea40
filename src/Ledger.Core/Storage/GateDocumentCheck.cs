namespace Ledger.Core.Storage;

/// <summary>For `ledger verify` on either store: a gate's kept document must read as the report will read it, to render summary.md.</summary>
internal static class GateDocumentCheck
{
    /// <exception cref="FormatException">It cannot be read: what is wrong, in words.</exception>
    public static void Check(string document)
    {
        try
        {
            Reporting.RecordedGate.Read(document);
        }
        catch (InvalidDataException e)
        {
            throw new FormatException($"its gate document cannot be read ({e.Message})", e);
        }
    }
}
