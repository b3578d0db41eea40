using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>The run-log formats this reader knows, and how a file's format is chosen: the Format option, else its extension.</summary>
internal static class LogFormats
{
    public const string Csv = "csv";
    public const string JsonLines = "jsonl";

    private static readonly Dictionary<string, string> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["csv"] = Csv, ["tsv"] = Csv, ["txt"] = Csv, ["jsonl"] = JsonLines, ["ndjson"] = JsonLines,
    };

    /// <summary>
    /// The extensions a folder is searched for. Not .txt: a folder of runs often holds notes, so a .txt log is read
    /// only when named or globbed.
    /// </summary>
    public static IReadOnlyList<string> FolderExtensions { get; } = [".csv", ".tsv", ".jsonl", ".ndjson"];

    public static bool IsKnown(string name) => ByName.ContainsKey(name);

    public static string Resolve(string path, string? requested)
    {
        if (requested is not null)
            return ByName[requested];
        var extension = Path.GetExtension(path).TrimStart('.');
        return ByName.TryGetValue(extension, out var format)
            ? format
            : throw InputErrors.InFile(ErrorCodes.UnknownFormat, path,
                extension.Length == 0 ? "a file name without an extension" : $"the extension '.{extension}'",
                "a .csv, .tsv, .txt, .jsonl or .ndjson file, or the Format option (csv or jsonl)");
    }
}
