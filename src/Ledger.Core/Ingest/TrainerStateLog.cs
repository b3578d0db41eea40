using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>
/// Hugging Face Trainer's <c>trainer_state.json</c>: its <c>log_history</c> array holds one object per logging or
/// evaluation event (<c>step</c>, <c>epoch</c>, and keys such as <c>loss</c>, <c>reward</c>, <c>eval_reward</c>). Each
/// object is a row, read by the usual column mapping, so the points are the entries that hold the reward key and x is
/// step x GpuHoursPerStep (or a compute key). The run is the folder of the training output: the file's folder, or
/// its parent when the file sits in a <c>checkpoint-N</c> folder; the recipe is the folder that holds that one, as a
/// CSV log's recipe is the folder that holds the log.
/// </summary>
internal static partial class TrainerStateLog
{
    private const string LogHistory = "log_history";

    public static PreparedLog Read(string path, ReadOptions options)
    {
        JsonDocumentText document;
        using (var reader = new Utf8LineReader(path, LogFile.OpenRead(path)))
            document = new JsonDocumentText(reader.ReadLines());
        if (document.IsBlank)
            throw InputErrors.At(ErrorCodes.EmptyFile, path, 1, 1, "an empty file or only blank lines", "a trainer_state.json with a log_history array");
        var (historyLine, entries) = new Parser(path, document).Parse();
        if (entries.Count == 0)
            throw InputErrors.At(ErrorCodes.NoPoints, path, historyLine, 1, "an empty log_history", "at least one logged step with a reward");
        var table = MemoryLogTable.FromObjects(historyLine, entries);
        return new PreparedLog(table, ColumnResolver.Resolve(path, table, options), Names(path));
    }

    private static RunNames Names(string path)
    {
        var folder = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var runFolder = CheckpointFolder().IsMatch(folder.Name) && folder.Parent is { } parent ? parent : folder;
        return new RunNames(runFolder.Parent?.Name ?? runFolder.Name, runFolder.Name, NamedByPath: true);
    }

    [GeneratedRegex("^checkpoint-[0-9]+$")]
    private static partial Regex CheckpointFolder();

    /// <summary>Walks the document with a forward-only reader, so that every value keeps its line and column.</summary>
    private ref struct Parser(string path, JsonDocumentText document)
    {
        private Utf8JsonReader reader = new(document.Utf8);

        public (int Line, List<(int Line, Dictionary<string, LogCell> Values)> Entries) Parse()
        {
            try
            {
                Expect(JsonTokenType.StartObject, "a JSON object, as trainer_state.json holds");
                (int Line, List<(int, Dictionary<string, LogCell>)> Entries)? history = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isHistory = reader.ValueTextEquals(LogHistory);
                    var keyLine = document.PositionOf(reader.TokenStartIndex).Line;
                    reader.Read();
                    if (isHistory)
                        history = (keyLine, ReadHistory());
                    else
                        reader.Skip();
                }
                if (reader.Read())
                    throw Malformed(reader.TokenStartIndex, "more JSON after the object", "one JSON object");
                return history ?? throw InputErrors.At(ErrorCodes.MalformedJson, path, 1, 1, "a JSON object without 'log_history'",
                    "a Hugging Face trainer_state.json, whose log_history lists the logged metrics");
            }
            catch (JsonException e)
            {
                var (line, column) = document.PositionOf(e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
                var reason = e.Message.Split(" LineNumber:")[0].TrimEnd('.', ' ');
                throw InputErrors.At(ErrorCodes.MalformedJson, path, line, column, "text that is not JSON", $"valid JSON ({reason})");
            }
            catch (InvalidOperationException e)
            {
                // GetString refuses a key that escapes half of a surrogate pair: valid JSON syntax, but not text.
                throw Malformed(reader.TokenStartIndex, "a string that is not valid UTF-16", $"valid JSON ({e.Message.TrimEnd('.')})");
            }
        }

        private List<(int, Dictionary<string, LogCell>)> ReadHistory()
        {
            if (reader.TokenType != JsonTokenType.StartArray)
                throw Malformed(reader.TokenStartIndex, $"'{LogHistory}' that is not an array", "an array of objects");
            var entries = new List<(int, Dictionary<string, LogCell>)>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                    throw Malformed(reader.TokenStartIndex, "an entry that is not an object", $"an object per entry of '{LogHistory}'");
                var line = document.PositionOf(reader.TokenStartIndex).Line;
                entries.Add((line, ReadEntry()));
            }
            return entries;
        }

        private Dictionary<string, LogCell> ReadEntry()
        {
            var values = new Dictionary<string, LogCell>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var keyStart = reader.TokenStartIndex;
                var key = reader.GetString()!;
                reader.Read();
                if (!values.TryAdd(key, ReadValue()))
                    throw Malformed(keyStart, $"the key {InputErrors.Quote(key)} a second time", "each key once per entry");
            }
            return values;
        }

        private LogCell ReadValue()
        {
            var start = reader.TokenStartIndex;
            var (line, column) = document.PositionOf(start);
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    return new LogCell(Encoding.UTF8.GetString(reader.ValueSpan), line, column, CellKind.JsonNumber);
                case JsonTokenType.String when document.PythonLiteralAt(start) is { } literal:
                    // Python's NaN or Infinity: read as text, so that it is reported as a non-finite number, not a string.
                    return new LogCell(literal, line, column, CellKind.Text);
                case JsonTokenType.String:
                    return new LogCell(reader.GetString()!, line, column, CellKind.JsonString);
                case JsonTokenType.Null:
                    return new LogCell("null", line, column, CellKind.JsonNull);
                default:
                    reader.Skip();
                    var raw = Encoding.UTF8.GetString(document.Utf8, (int)start, (int)(reader.BytesConsumed - start));
                    return new LogCell(raw, line, column, CellKind.JsonOther);
            }
        }

        private void Expect(JsonTokenType type, string expected)
        {
            if (!reader.Read() || reader.TokenType != type)
                throw Malformed(reader.TokenStartIndex, "a JSON value that is not an object", expected);
        }

        private readonly LedgerInputException Malformed(long byteOffset, string found, string expected)
        {
            var (line, column) = document.PositionOf(byteOffset);
            return InputErrors.At(ErrorCodes.MalformedJson, path, line, column, found, expected);
        }
    }
}
