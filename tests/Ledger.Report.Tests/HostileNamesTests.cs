using System.Text.RegularExpressions;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Report.Tests;

/// <summary>
/// Recipe names, a branch and a commit written to attack the report: markup and script, a path that climbs out of
/// the folder, a name longer than any file system allows, right-to-left and emoji text. The pages must show them
/// as text, run nothing, load nothing, and every file must land inside the report folder.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed partial class HostileNamesTests(Chromium chromium) : IDisposable
{
    private static readonly string[] Names =
    [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "<script>window.__pwned = 1</script>",
        "'><svg onload=\"window.__pwned = 1\">",
        "../../etc/passwd",
        string.Concat(Enumerable.Repeat("a-very-long-recipe-name-", 13))[..300],
        "\u202Egnp.exe \u0648\u0635\u0641\u0629 \u05DE\u05EA\u05DB\u05D5\u05DF",
        "\U0001F680 grpo \u2728 \U0001F9EA",
    ];

    private const string Branch = "<img src=x onerror=\"window.__pwned = 1\">";
    private const string Commit = "\"><script>window.__pwned = 1</script>";

    private readonly ReportFixture _report = ReportFixture.Create();

    [Fact]
    public async Task Every_page_shows_the_names_as_text_runs_no_script_and_loads_nothing()
    {
        var log = _report.WriteLog("hostile.csv", Names);
        var snapshot = _report.Append([log], Commit, Branch, DateTimeOffset.UnixEpoch).Snapshot;
        using (var store = LiteDbLedgerStore.OpenExisting(_report.LedgerPath))
        {
            store.RecordVerdicts(Names.Select(n => new StoredVerdict(snapshot.Id, n, "new", null, null, null, null, false, n)).ToList());
        }
        var outcome = _report.Render();

        Assert.Equal(Names.Length, outcome.Recipes);
        var pages = Directory.GetFiles(_report.OutputDirectory, "*.html");
        // The index, the snapshot's page and its all-recipes page, and a page per recipe.
        Assert.Equal(3 + Names.Length, pages.Length);
        foreach (var page in pages)
        {
            await using var visit = await chromium.OpenAsync(page);
            Assert.Empty(visit.Dialogs);
            Assert.Empty(visit.ConsoleErrors);
            Assert.Empty(visit.OtherRequests);
            Assert.True(await visit.Page.EvaluateAsync<bool>("() => window.__pwned === undefined"), $"{page} ran a payload");
            // Markup, not only script: no element the names could have smuggled in exists (the page's own CSP would
            // stop a script, so this is what shows that escaping, not the CSP, kept the names as text).
            Assert.Equal(0, await visit.CountAsync("script, img, iframe, [onerror], [onload]"));
        }

        await using var snapshotPage = await chromium.OpenAsync(_report.Page($"snapshot-{snapshot.Id}.html"));
        var headings = await snapshotPage.Page.Locator("section.recipe h2").AllInnerTextsAsync();
        // Shown as text, with an invisible direction override made visible so it cannot reverse what the reader sees.
        Assert.Equal(Names.Select(n => n.Replace("\u202E", "[U+202E]")).Order(StringComparer.Ordinal), headings.Order(StringComparer.Ordinal));
        Assert.Contains(Branch, await snapshotPage.Page.Locator("p.meta").First.InnerTextAsync());
        Assert.Equal(Names.Length, await snapshotPage.CountAsync("#verdicts tbody tr"));
    }

    [Fact]
    public void Every_file_lands_in_the_report_folder_under_a_short_ascii_name()
    {
        _report.Append([_report.WriteLog("hostile.csv", Names)], Commit, Branch, DateTimeOffset.UnixEpoch);
        var outcome = _report.Render();

        var everything = Directory.GetFiles(_report.Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_report.Root, f)).Order(StringComparer.Ordinal).ToList();
        var outside = everything.Where(f => !f.StartsWith("report" + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToList();
        Assert.Equal(["ledger.db", Path.Combine("logs", "hostile.csv")], outside);
        // The pages, and the list of them that tells the next render which files are Ledger's.
        Assert.Equal(outcome.Files.Append(Ledger.Core.Reporting.Html.ReportManifest.FileName).Order(StringComparer.Ordinal),
            Directory.GetFiles(_report.OutputDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(outcome.Files, f => Assert.Matches(SafeName(), f));
        Assert.Equal(Names.Length, outcome.Files.Count(f => f.StartsWith("recipe-", StringComparison.Ordinal)));
    }

    [GeneratedRegex(@"^(index|snapshot-[0-9]+|curves-[0-9]+|recipe-[a-z0-9-]{1,40}-[0-9a-f]{8})\.html$")]
    private static partial Regex SafeName();

    public void Dispose() => _report.Dispose();
}
