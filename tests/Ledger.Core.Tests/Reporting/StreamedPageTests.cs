using Ledger.Core.Diagnostics;
using Ledger.Core.Reporting.Html;

namespace Ledger.Core.Tests.Reporting;

/// <summary>Pages rendered straight into their file: the same bytes as the rendered string, escaped the same way, and no half page left by an error.</summary>
public sealed class StreamedPageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void A_page_streamed_into_its_file_has_the_bytes_of_the_rendered_string_escaping_and_includes_alike()
    {
        var templates = new ReportTemplates(null);
        var model = new { Title = "<script>x</script> \u202E\u00e9 \U0001F680" };
        using var output = new OutputFolder(_folder.File("out"));

        output.Write("page.html", writer => templates.Render("_head.sbn", model, writer));

        var expected = new System.Text.UTF8Encoding(false).GetBytes(templates.Render("_head.sbn", model));
        Assert.Equal(expected, File.ReadAllBytes(output.PathOf("page.html")));
        Assert.Contains("<title>&lt;script&gt;x&lt;/script&gt; [U+202E]", File.ReadAllText(output.PathOf("page.html")));
    }

    [Fact]
    public void A_page_longer_than_Scriban_default_limit_of_one_MiB_is_written_whole()
    {
        Directory.CreateDirectory(_folder.File("templates"));
        File.WriteAllText(_folder.File(Path.Combine("templates", "long.html.sbn")), "{{ for part in parts }}{{ part }}{{ end }}<footer>end</footer>");
        var parts = Enumerable.Repeat(new TrustedHtml(new string('x', 100_000)), 30).ToList();
        using var output = new OutputFolder(_folder.File("out"));

        output.Write("long.html", writer => new ReportTemplates(_folder.File("templates")).Render("long.html.sbn", new { Parts = parts }, writer));

        var page = File.ReadAllText(output.PathOf("long.html"));
        Assert.Equal(3_000_000 + "<footer>end</footer>".Length, page.Length);
        Assert.EndsWith("<footer>end</footer>", page);
    }

    [Fact]
    public void Markdown_templates_keep_Scriban_auto_indent_so_an_indented_include_stays_nested()
    {
        Directory.CreateDirectory(_folder.File("templates"));
        File.WriteAllText(_folder.File(Path.Combine("templates", "list.md.sbn")), "- outer\n  {{ include '_inner.sbn' }}");
        File.WriteAllText(_folder.File(Path.Combine("templates", "_inner.sbn")), "- one\n- two");

        var markdown = new ReportTemplates(_folder.File("templates")).Render("list.md.sbn", new { });

        Assert.Equal("- outer\n  - one\n  - two", markdown);
    }

    [Fact]
    public void A_template_error_while_streaming_leaves_no_half_written_file()
    {
        Directory.CreateDirectory(_folder.File("templates"));
        File.WriteAllText(_folder.File(Path.Combine("templates", "broken.html.sbn")), "<p>written first</p>{{ no_such_name }}");
        using var output = new OutputFolder(_folder.File("out"));

        var error = Assert.Throws<LedgerInputException>(() =>
            output.Write("page.html", writer => new ReportTemplates(_folder.File("templates")).Render("broken.html.sbn", new { }, writer)));

        Assert.Equal(ErrorCodes.InvalidTemplate, error.Code);
        Assert.False(File.Exists(output.PathOf("page.html")));
    }

    [Theory]
    [InlineData(200_000, 14)]
    [InlineData(12, 200_000)]
    public void A_page_rendered_over_a_published_one_of_the_same_name_has_only_its_own_bytes(int before, int after)
    {
        Publish(new string('x', before));

        Publish(new string('y', after));

        Assert.Equal(new string('y', after), File.ReadAllText(_folder.File(Path.Combine("out", "page.html"))));
    }

    [Fact]
    public void A_template_error_in_a_new_render_leaves_the_published_page_as_it_was()
    {
        Directory.CreateDirectory(_folder.File("templates"));
        File.WriteAllText(_folder.File(Path.Combine("templates", "broken.html.sbn")), "<p>written first</p>{{ no_such_name }}");
        Publish(new string('x', 200_000));

        using (var output = new OutputFolder(_folder.File("out")))
        {
            Assert.Throws<LedgerInputException>(() =>
                output.Write("page.html", writer => new ReportTemplates(_folder.File("templates")).Render("broken.html.sbn", new { }, writer)));
            Assert.False(File.Exists(output.PathOf("page.html")));
        }

        Assert.Equal(new string('x', 200_000), File.ReadAllText(_folder.File(Path.Combine("out", "page.html"))));
        Assert.Equal(["out", "templates"], Directory.EnumerateFileSystemEntries(_folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private void Publish(string page)
    {
        using var output = new OutputFolder(_folder.File("out"));
        output.Write("page.html", page);
        output.Publish();
    }

    public void Dispose() => _folder.Dispose();
}
