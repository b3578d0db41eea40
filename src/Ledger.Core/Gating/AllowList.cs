using System.Globalization;
using System.Text.Json;
using Ledger.Core.Diagnostics;

namespace Ledger.Core.Gating;

/// <summary>
/// One accepted regression from ledger.allow.json: the recipe, why, and until when. An entry with a date allows
/// builds up to and including that day; an entry with a commit allows only the build of that commit (the next
/// commit compares against a baseline that already has the drop).
/// </summary>
public sealed record AllowEntry(string Recipe, string Reason, DateOnly? Expires, string? Commit)
{
    public bool IsActive(string commit, DateOnly today) =>
        (Expires is not { } date || today <= date) &&
        (Commit is not { } allowed || commit.StartsWith(allowed, StringComparison.OrdinalIgnoreCase) || allowed.StartsWith(commit, StringComparison.OrdinalIgnoreCase));

    public string DescribeExpiry() => (Expires, Commit) switch
    {
        ({ } date, _) => $"expires {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
        (_, { } commit) => $"for commit {commit}",
        _ => "no expiry",
    };
}

/// <summary>
/// ledger.allow.json, reviewed like code:
/// <c>{ "allow": [ { "recipe": "grpo-b512", "reason": "...", "expires": "2026-12-31" } ] }</c>
/// (or <c>"commit": "3f2a1c9"</c> instead of a date). Every entry must name a recipe, give a reason and an expiry.
/// </summary>
public sealed class AllowList(IReadOnlyList<AllowEntry> entries)
{
    public static AllowList Empty { get; } = new([]);

    public IReadOnlyList<AllowEntry> Entries { get; } = entries;

    public AllowEntry? For(string recipe) => Entries.FirstOrDefault(e => e.Recipe == recipe);

    public static AllowList Load(string path)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }
        var text = File.ReadAllText(path);
        try
        {
            using var document = JsonDocument.Parse(text);
            if (!document.RootElement.TryGetProperty("allow", out var allow) || allow.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(path, "a document without an \"allow\" array", "{ \"allow\": [ ... ] }");
            }
            var entries = new List<AllowEntry>();
            foreach (var item in allow.EnumerateArray())
            {
                entries.Add(Entry(path, item));
            }
            return new AllowList(entries);
        }
        catch (JsonException e)
        {
            throw new LedgerInputException(ErrorCodes.InvalidAllowList, new SourceLocation(path, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1),
                "text that is not valid JSON", "a JSON allow-list");
        }
    }

    private static AllowEntry Entry(string path, JsonElement item)
    {
        string? Text(string name) => item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
        var recipe = Text("recipe");
        var reason = Text("reason");
        var expires = Text("expires");
        var commit = Text("commit");
        if (string.IsNullOrWhiteSpace(recipe) || string.IsNullOrWhiteSpace(reason))
        {
            throw Invalid(path, "an entry without a recipe or a reason", "\"recipe\" and \"reason\" on every entry");
        }
        if (expires is null && commit is null)
        {
            throw Invalid(path, $"an entry for '{recipe}' that never expires", "\"expires\": \"YYYY-MM-DD\" or \"commit\": \"<sha>\"");
        }
        DateOnly? date = null;
        if (expires is not null)
        {
            if (!DateOnly.TryParseExact(expires, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                throw Invalid(path, $"expires '{expires}' for '{recipe}'", "a date written YYYY-MM-DD");
            }
            date = parsed;
        }
        return new AllowEntry(recipe, reason, date, commit);
    }

    private static LedgerInputException Invalid(string path, string found, string expected) =>
        new(ErrorCodes.InvalidAllowList, SourceLocation.WholeFile(path), found, expected);
}
