using System.Text.Json;

namespace Ledger.Core.Reporting.Html;

/// <summary>One file of a render: its name in the report folder, and its length and time as Ledger left it.</summary>
public sealed record ReportFile(string Name, long Bytes, long ModifiedTicks)
{
    /// <summary>The file at <paramref name="path"/> as it is now.</summary>
    public static ReportFile Of(string path)
    {
        var info = new FileInfo(path);
        return new ReportFile(info.Name, info.Length, info.LastWriteTimeUtc.Ticks);
    }
}

/// <summary>
/// The list of files one render wrote, kept beside them as <c>.ledger-report.json</c>: how Ledger tells its own files
/// (which it replaces on the next render) from the files others put in the folder (which it keeps, and never replaces
/// without --force). A file still counts as Ledger's only while its length and modification time are those it was
/// written with: a page someone edited or replaced since is theirs.
/// </summary>
public sealed record ReportManifest(string Render, IReadOnlyList<ReportFile> Files)
{
    public const string FileName = ".ledger-report.json";
    public const string Schema = "ledger.report-files/1";

    /// <summary>The files by name, the first of a name listed twice: a publish asks for each of thousands of files, twice.</summary>
    private readonly Dictionary<string, ReportFile> _byName = ByName(Files);

    /// <summary>Whether the file at <paramref name="path"/> is one this render wrote, unchanged since.</summary>
    public bool Wrote(string path)
    {
        var name = Path.GetFileName(path);
        if (!_byName.TryGetValue(name, out var listed) || !File.Exists(path) || new FileInfo(path).LinkTarget is not null)
            return false;
        return ReportFile.Of(path) == listed;
    }

    private static Dictionary<string, ReportFile> ByName(IReadOnlyList<ReportFile> files)
    {
        var byName = new Dictionary<string, ReportFile>(StringComparer.Ordinal);
        foreach (var file in files)
            byName.TryAdd(file.Name, file);
        return byName;
    }

    /// <summary>A file name with no folder in it, and not "." or "..".</summary>
    public static bool IsPlainName(string name) => name.Length > 0 && name == Path.GetFileName(name) && name is not ("." or "..");

    public void WriteTo(string folder)
    {
        using var file = new FileStream(Path.Combine(folder, FileName), FileMode.CreateNew, FileAccess.Write, FileShare.None);
        using var json = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("schema", Schema);
        json.WriteString("render", Render);
        json.WriteStartArray("files");
        foreach (var f in Files)
        {
            json.WriteStartObject();
            json.WriteString("name", f.Name);
            json.WriteNumber("bytes", f.Bytes);
            json.WriteNumber("modified_ticks", f.ModifiedTicks);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The manifest in <paramref name="folder"/>, or null when there is none or it is not one of ours (then no file there is Ledger's).</summary>
    public static ReportManifest? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        try
        {
            if (new FileInfo(path) is not { Exists: true, LinkTarget: null })
                return null;
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schema", out var schema) || schema.GetString() != Schema)
                return null;
            var files = root.GetProperty("files").EnumerateArray()
                .Select(f => new ReportFile(f.GetProperty("name").GetString()!, f.GetProperty("bytes").GetInt64(), f.GetProperty("modified_ticks").GetInt64()))
                .ToList();
            // Names are deleted on the next render: a manifest naming anything but a plain file of the folder is not ours.
            if (files.Any(f => !IsPlainName(f.Name)))
                return null;
            return new ReportManifest(root.GetProperty("render").GetString()!, files);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
