using System.Globalization;
using System.Text.Json;
using Ledger.Core.Diagnostics;

namespace Ledger.Core.Gating;

/// <summary>
/// Reads ledger.allow.json token by token, so every error names the file, line and column of what is wrong: a
/// top level that is not an object, an entry of the wrong type, a date that does not exist, an entry that never
/// expires, a commit that is not an abbreviated commit. (A parsed JsonDocument has no positions to report.)
/// </summary>
internal static class AllowListFile
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <exception cref="LedgerInputException">LEDGER122 at the place of the first problem.</exception>
    public static IReadOnlyList<AllowEntry> Read(string path)
    {
        var text = File.ReadAllBytes(path);
        if (text.AsSpan().StartsWith(Utf8Bom))
            text = text[Utf8Bom.Length..];
        var file = new Parser(path, text);
        try
        {
            return file.Document();
        }
        catch (JsonException e)
        {
            throw file.Error(file.Positions.OffsetOf(e.LineNumber ?? 0, e.BytePositionInLine ?? 0), "text that is not valid JSON", "a JSON allow-list");
        }
    }

    private ref struct Parser(string path, byte[] text)
    {
        private Utf8JsonReader _reader = new(text);

        public JsonPositions Positions { get; } = new(text);

        public IReadOnlyList<AllowEntry> Document()
        {
            if (!_reader.Read())
                throw Error(0, "an empty file", "a JSON allow-list: { \"allow\": [ ... ] }");
            var top = _reader.TokenStartIndex;
            if (_reader.TokenType != JsonTokenType.StartObject)
                throw Error(top, $"{Describe(_reader.TokenType)} at the top level", "an object: { \"allow\": [ ... ] }");
            List<AllowEntry>? entries = null;
            while (Next() == JsonTokenType.PropertyName)
            {
                if (!_reader.ValueTextEquals("allow"u8))
                {
                    Next();
                    _reader.Skip();
                    continue;
                }
                if (entries is not null)
                    throw Error(_reader.TokenStartIndex, "a second \"allow\"", "one \"allow\" array");
                entries = Entries();
            }
            return entries ?? throw Error(top, "a document without an \"allow\" array", "{ \"allow\": [ ... ] }");
        }

        public LedgerInputException Error(long offset, string found, string expected)
        {
            var (line, column) = Positions.Of(offset);
            return new LedgerInputException(ErrorCodes.InvalidAllowList, new SourceLocation(path, line, column), found, expected);
        }

        private List<AllowEntry> Entries()
        {
            if (Next() != JsonTokenType.StartArray)
                throw Error(_reader.TokenStartIndex, $"\"allow\" as {Describe(_reader.TokenType)}", "an array of entries");
            var entries = new List<AllowEntry>();
            while (Next() != JsonTokenType.EndArray)
            {
                if (_reader.TokenType != JsonTokenType.StartObject)
                    throw Error(_reader.TokenStartIndex, $"an entry that is {Describe(_reader.TokenType)}", "an object { \"recipe\", \"reason\", \"expires\" or \"commit\" }");
                entries.Add(Entry());
            }
            return entries;
        }

        private AllowEntry Entry()
        {
            var start = _reader.TokenStartIndex;
            var fields = new Dictionary<string, (string Value, long Offset)>(StringComparer.Ordinal);
            while (Next() == JsonTokenType.PropertyName)
            {
                var name = String();
                var nameOffset = _reader.TokenStartIndex;
                Next();
                if (name is not ("recipe" or "reason" or "expires" or "commit"))
                {
                    _reader.Skip();
                    continue;
                }
                if (_reader.TokenType != JsonTokenType.String)
                    throw Error(_reader.TokenStartIndex, $"\"{name}\" as {Describe(_reader.TokenType)}", $"\"{name}\" as a string");
                if (!fields.TryAdd(name, (String(), _reader.TokenStartIndex)))
                    throw Error(nameOffset, $"a second \"{name}\" in one entry", $"one \"{name}\" per entry");
            }
            return Validated(start, fields);
        }

        private AllowEntry Validated(long start, Dictionary<string, (string Value, long Offset)> fields)
        {
            string? Field(string name) => fields.TryGetValue(name, out var field) ? field.Value : null;
            var recipe = Field("recipe");
            var reason = Field("reason");
            if (string.IsNullOrWhiteSpace(recipe) || string.IsNullOrWhiteSpace(reason))
                throw Error(start, "an entry without a recipe or a reason", "\"recipe\" and \"reason\" on every entry");
            if (!fields.ContainsKey("expires") && !fields.ContainsKey("commit"))
                throw Error(start, $"an entry for '{recipe}' that never expires", "\"expires\": \"YYYY-MM-DD\" or \"commit\": \"<abbreviated commit>\"");
            DateOnly? date = null;
            if (fields.TryGetValue("expires", out var expires))
            {
                date = DateOnly.TryParseExact(expires.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                    ? parsed
                    : throw Error(expires.Offset, $"expires '{expires.Value}' for '{recipe}'", "a date that exists, written YYYY-MM-DD");
            }
            if (fields.TryGetValue("commit", out var commit) && !AllowEntry.IsAbbreviatedCommit(commit.Value))
            {
                throw Error(commit.Offset, $"commit '{commit.Value}' for '{recipe}'",
                    $"a commit of {AllowEntry.MinCommitLength} to {AllowEntry.MaxCommitLength} hex digits (git rev-parse --short HEAD), which allows that build only");
            }
            return new AllowEntry(recipe, reason, date, Field("commit"));
        }

        /// <summary>The current string token; the reader checks UTF-8 only when a string is decoded.</summary>
        private string String()
        {
            try
            {
                return _reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
                throw Error(_reader.TokenStartIndex, "text that is not UTF-8", "a UTF-8 allow-list");
            }
        }

        private JsonTokenType Next() =>
            _reader.Read() ? _reader.TokenType : throw Error(text.Length, "the end of the file inside the allow-list", "the rest of the JSON document");

        private static string Describe(JsonTokenType token) => token switch
        {
            JsonTokenType.StartArray => "an array",
            JsonTokenType.StartObject => "an object",
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "true or false",
            JsonTokenType.Null => "null",
            _ => token.ToString(),
        };
    }
}
