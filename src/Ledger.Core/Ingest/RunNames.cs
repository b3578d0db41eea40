namespace Ledger.Core.Ingest;

/// <summary>
/// The recipe and run name a log's points get when neither the options nor a column name them. For a plain log file
/// (PRODUCT.md section 3): the folder that holds it, and the file name.
/// </summary>
internal sealed record RunNames(string Recipe, string Run)
{
    public static RunNames ForFile(string path) =>
        new(Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) ?? "", Path.GetFileNameWithoutExtension(path));
}
