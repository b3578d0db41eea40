using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>
/// Reads a JSON Lines run log: one object per line, blank lines ignored. The whole file is read at once, since the
/// columns (every key, see <see cref="MemoryLogTable.FromObjects"/>) are only known at the end.
/// </summary>
internal static class JsonLinesLogTable
{
    public static LogTable Read(string path, Utf8LineReader reader)
    {
        using (reader)
        {
            var objects = new List<(int Line, Dictionary<string, LogCell> Values)>();
            var sawAnyLine = false;
            foreach (var line in reader.ReadLines())
            {
                sawAnyLine = true;
                if (!line.IsBlank)
                    objects.Add((line.Number, JsonLineParser.Parse(path, line)));
            }
            if (objects.Count == 0)
                throw InputErrors.At(ErrorCodes.EmptyFile, path, 1, 1, sawAnyLine ? "only blank lines" : "an empty file",
                    "one JSON object per line");
            return MemoryLogTable.FromObjects(objects[0].Line, objects);
        }
    }
}
