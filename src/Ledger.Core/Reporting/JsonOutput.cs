using System.Text;
using System.Text.Json;
using Ledger.Core.Fitting;

namespace Ledger.Core.Reporting;

/// <summary>
/// What every `--format json` document shares: indented UTF-8 with a final newline, numbers written
/// shortest-round-trip (so the same input gives byte-identical output), null for a number that is not finite, and
/// intervals as { lower, upper, open }.
/// </summary>
public static class JsonOutput
{
    public static string Document(Action<Utf8JsonWriter> write) => Document(indented: true, write);

    /// <param name="indented">False for one line (still with its final newline).</param>
    public static string Document(bool indented, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            write(json);
        }
        // Decoded once from the stream's own buffer: a copy of the bytes, and another of the whole text to add the
        // newline, were 3 MB and 6 MB for `ledger curve` over 1,000 logs.
        stream.WriteByte((byte)'\n');
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    public static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>The snapshot a document is about: its id, commit and branch.</summary>
    public static void WriteSnapshot(Utf8JsonWriter json, Storage.Snapshot snapshot)
    {
        json.WriteNumber("snapshot", snapshot.Id);
        json.WriteString("commit", snapshot.Commit);
        json.WriteString("branch", snapshot.Branch);
    }

    /// <summary>A side that is open (infinite) or unknown is null; "open" says whether a side is infinite.</summary>
    public static void WriteInterval(Utf8JsonWriter json, string name, Interval interval)
    {
        json.WriteStartObject(name);
        Number(json, "lower", interval.Lower);
        Number(json, "upper", interval.Upper);
        json.WriteBoolean("open", interval.IsOpen);
        json.WriteEndObject();
    }
}
