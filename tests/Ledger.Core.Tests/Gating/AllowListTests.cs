using System.Text;
using Ledger.Core.Diagnostics;
using Ledger.Core.Gating;

namespace Ledger.Core.Tests.Gating;

/// <summary>ledger.allow.json: an entry allows what it says and no more, and every mistake is named at its line and column.</summary>
public sealed class AllowListTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private readonly TempFolder _folder = new();

    private string Path => _folder.File("ledger.allow.json");

    [Theory]
    [InlineData("3f2a1c9", "3f2a1c9e0b1d2c3f4a5b6c7d8e9f0a1b2c3d4e5f", true)]
    [InlineData("3F2A1C9", "3f2a1c9e0b1d2c3f4a5b6c7d8e9f0a1b2c3d4e5f", true)]
    [InlineData("3f2a1c9e0b1d2c3f4a5b6c7d8e9f0a1b2c3d4e5f", "3f2a1c9", true)]
    [InlineData("3f2a1c9", "3f2a1c9", true)]
    [InlineData("3f2a1c9", "3f2a1c8e0b1d2c3f4a5b6c7d8e9f0a1b2c3d4e5f", false)]
    [InlineData("3f2a1c9e0b", "3f2a1c9e0c", false)]
    [InlineData("3f2a1c9", "3f2a", false)]
    [InlineData("3f2a1c9", "local", false)]
    [InlineData("3f2a1c9", "", false)]
    public void A_commit_entry_allows_only_abbreviations_of_its_own_commit(string entry, string build, bool allows)
    {
        Assert.Equal(allows, new AllowEntry("grpo", "known drop", null, entry).IsActive(build, Today));
    }

    [Theory]
    [InlineData("")]
    [InlineData("3f2a1c")]
    [InlineData("main")]
    [InlineData("3f2a1c9 ")]
    [InlineData("g3f2a1c9")]
    public void A_commit_that_is_not_an_abbreviated_commit_is_LEDGER122_at_its_value(string commit)
    {
        var e = Load($$"""
            { "allow": [
              { "recipe": "grpo", "reason": "known drop", "commit": "{{commit}}" }
            ] }
            """);

        Assert.Equal((ErrorCodes.InvalidAllowList, 2, 57), (e.Code, e.Location.Line, e.Location.Column));
        Assert.Contains($"commit '{commit}' for 'grpo'", e.Found);
    }

    [Theory]
    [InlineData("[1,2,3]", "an array at the top level")]
    [InlineData("\"str\"", "a string at the top level")]
    [InlineData("42", "a number at the top level")]
    [InlineData("null", "null at the top level")]
    public void A_top_level_that_is_not_an_object_is_LEDGER122_not_a_crash(string json, string found)
    {
        var e = Load(json);

        Assert.Equal((ErrorCodes.InvalidAllowList, 1, 1, found), (e.Code, e.Location.Line, e.Location.Column, e.Found));
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_named_at_its_line_and_column()
    {
        var e = Load("""
            {
              "allow": [
                { "recipe": "grpo", "reason": "r", "expires": "2026-12-31" },
                { "recipe": 5, "reason": "r", "expires": "2026-12-31" }
              ]
            }
            """);

        Assert.Equal((4, 17, "\"recipe\" as a number"), (e.Location.Line, e.Location.Column, e.Found));
        Assert.StartsWith($"{Path}(4,17): error LEDGER122: found \"recipe\" as a number", e.Message);
    }

    [Theory]
    [InlineData("{ \"allow\": {} }", 1, 12, "\"allow\" as an object")]
    [InlineData("{ \"allow\": [ 7 ] }", 1, 14, "an entry that is a number")]
    [InlineData("{ \"other\": 1 }", 1, 1, "a document without an \"allow\" array")]
    [InlineData("{ \"allow\": [], \"allow\": [] }", 1, 16, "a second \"allow\"")]
    public void The_shape_of_the_document_is_checked_at_the_place_it_goes_wrong(string json, int line, int column, string found)
    {
        var e = Load(json);

        Assert.Equal((line, column, found), (e.Location.Line, e.Location.Column, e.Found));
    }

    [Fact]
    public void A_date_that_does_not_exist_is_named_at_its_value()
    {
        var e = Load("""
            { "allow": [
              { "recipe": "grpo", "reason": "r", "expires": "2026-02-30" }
            ] }
            """);

        Assert.Equal((2, 49, "expires '2026-02-30' for 'grpo'"), (e.Location.Line, e.Location.Column, e.Found));
    }

    [Fact]
    public void An_entry_that_never_expires_is_named_at_its_opening_brace()
    {
        var e = Load("""
            { "allow": [
              { "recipe": "grpo", "reason": "r", "expires": "2026-12-31" },
                  { "recipe": "ppo", "reason": "forever" }
            ] }
            """);

        Assert.Equal((3, 7, "an entry for 'ppo' that never expires"), (e.Location.Line, e.Location.Column, e.Found));
    }

    [Fact]
    public void Columns_count_characters_after_a_byte_order_mark_and_multi_byte_letters()
    {
        File.WriteAllBytes(Path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("""{ "allow": [ { "recipe": "αβγ", "reason": "é", "expires": "2026-13-01" } ] }""")]);

        var e = Assert.Throws<LedgerInputException>(() => AllowList.Load(Path));

        Assert.Equal((1, 59), (e.Location.Line, e.Location.Column));
    }

    [Fact]
    public void Invalid_json_and_invalid_utf8_are_LEDGER122_with_a_place()
    {
        File.WriteAllText(Path, "{ \"allow\": [\n  { \"recipe\": } ] }");
        var broken = Assert.Throws<LedgerInputException>(() => AllowList.Load(Path));
        File.WriteAllBytes(Path, [.. "{ \"allow\": [ { \"recipe\": \""u8, 0xFF, .. "\", \"reason\": \"r\", \"expires\": \"2026-12-31\" } ] }"u8]);
        var binary = Assert.Throws<LedgerInputException>(() => AllowList.Load(Path));

        Assert.Equal((ErrorCodes.InvalidAllowList, 2), (broken.Code, broken.Location.Line));
        Assert.Equal((ErrorCodes.InvalidAllowList, 1), (binary.Code, binary.Location.Line));
    }

    [Fact]
    public void A_good_file_gives_its_entries_and_unknown_keys_are_ignored()
    {
        File.WriteAllText(Path, """
            { "note": { "any": [1, 2] }, "allow": [
              { "recipe": "grpo", "reason": "new verifier", "expires": "2026-12-31", "ticket": 123 },
              { "recipe": "ppo", "reason": "known drop", "commit": "3f2a1c9" }
            ] }
            """);

        var list = AllowList.Load(Path, mustExist: true);

        Assert.Equal(
            [new AllowEntry("grpo", "new verifier", new DateOnly(2026, 12, 31), null), new AllowEntry("ppo", "known drop", null, "3f2a1c9")],
            list.Entries);
    }

    [Fact]
    public void A_missing_default_file_allows_nothing_and_a_missing_named_file_is_LEDGER101()
    {
        Assert.Empty(AllowList.Load(Path).Entries);

        var e = Assert.Throws<LedgerInputException>(() => AllowList.Load(Path, mustExist: true));

        Assert.Equal((ErrorCodes.FileNotFound, Path), (e.Code, e.Location.File));
    }

    private LedgerInputException Load(string json)
    {
        File.WriteAllText(Path, json);
        var e = Assert.Throws<LedgerInputException>(() => AllowList.Load(Path));
        Assert.Equal(ErrorCodes.InvalidAllowList, e.Code);
        Assert.Equal(Path, e.Location.File);
        return e;
    }

    public void Dispose() => _folder.Dispose();
}
