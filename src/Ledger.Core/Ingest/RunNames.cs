namespace Ledger.Core.Ingest;

/// <summary>
/// The recipe and run name a log's points get when neither the options nor a column name them. For a plain log file
/// (PRODUCT.md section 3): the folder that holds it, and the file name.
/// </summary>
/// <param name="NamedByPath">
/// The run is named after the log's path (a file or folder name) rather than by the log's content (an MLflow run's
/// name, a TensorBoard download's run): a RecipePattern then reads the path, which holds more than the bare name.
/// </param>
internal sealed record RunNames(string Recipe, string Run, bool NamedByPath)
{
    public static RunNames ForFile(string path) =>
        new(Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) ?? "", Path.GetFileNameWithoutExtension(path), NamedByPath: true);
}
