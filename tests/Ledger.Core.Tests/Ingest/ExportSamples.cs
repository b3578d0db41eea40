namespace Ledger.Core.Tests.Ingest;

/// <summary>
/// Sample files in the real layouts of the tools users export from (Ingest/Exports, copied beside the test binaries):
/// written to match each tool's output byte for byte in shape, so that a reader is tested on what users really have.
/// </summary>
public static class ExportSamples
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Ingest", "Exports");

    public static string Get(string relativePath) => Path.Combine(Folder, relativePath);
}
