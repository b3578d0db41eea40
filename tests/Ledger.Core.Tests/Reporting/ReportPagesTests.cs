using Ledger.Core.Diagnostics;
using Ledger.Core.Reporting.Html;

namespace Ledger.Core.Tests.Reporting;

/// <summary>Pages written side by side: each file holds its own page, progress counts up one at a time, and a broken template fails as one error.</summary>
public sealed class ReportPagesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public ReportPagesTests()
    {
        Directory.CreateDirectory(_folder.File("templates"));
        File.WriteAllText(_folder.File(Path.Combine("templates", "page.html.sbn")), "<p>{{ n }}</p>{{ include '_foot.sbn' }}");
        File.WriteAllText(_folder.File(Path.Combine("templates", "broken.html.sbn")), "<p>{{ no_such_name }}</p>");
    }

    [Fact]
    public void Every_page_is_written_with_its_own_model_and_progress_counts_each_once_in_order()
    {
        var pages = Enumerable.Range(0, 300).Select(i => new ReportPage($"page-{i}.html", "page.html.sbn", () => new { N = i })).ToList();
        var reported = new List<(int Done, int Total)>();
        using var output = new OutputFolder(_folder.File("out"));

        ReportPages.Write(pages, output, new ReportTemplates(_folder.File("templates")), new Progress(reported));

        var foot = new ReportTemplates(null).Render("_foot.sbn", new { });
        Assert.All(Enumerable.Range(0, 300), i => Assert.Equal($"<p>{i}</p>{foot}", File.ReadAllText(output.PathOf($"page-{i}.html"))));
        Assert.Equal(Enumerable.Range(1, 300).Select(done => (done, 300)), reported);
    }

    [Fact]
    public void A_broken_template_fails_as_the_template_error_itself_not_wrapped()
    {
        var pages = Enumerable.Range(0, 100)
            .Select(i => new ReportPage($"page-{i}.html", i % 10 == 7 ? "broken.html.sbn" : "page.html.sbn", () => new { N = i })).ToList();
        using var output = new OutputFolder(_folder.File("out"));

        var error = Assert.Throws<LedgerInputException>(() => ReportPages.Write(pages, output, new ReportTemplates(_folder.File("templates")), null));

        Assert.Equal(ErrorCodes.InvalidTemplate, error.Code);
        Assert.EndsWith("broken.html.sbn", error.Location.File, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Records synchronously, unlike System.Progress, which posts to the thread pool and so loses the order.</summary>
    private sealed class Progress(List<(int Done, int Total)> reported) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => reported.Add(value);
    }
}
