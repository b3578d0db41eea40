using Ledger.Core.Diagnostics;
using Ledger.Core.Reporting.Html;

namespace Ledger.Core.Tests.Reporting;

/// <summary>The one place the report escapes: every expression a template writes, HTML or Markdown, except code-built markup.</summary>
public sealed class EscapingTests : IDisposable
{
    private readonly TempFolder _templates = new();

    [Fact]
    public void Every_expression_is_html_encoded_in_text_and_attributes_and_only_trusted_markup_passes_as_is()
    {
        File.WriteAllText(_templates.File("t.html.sbn"), "<p title=\"{{ name }}\">{{ name }}</p>{{ plot }}{{ include '_part.sbn' }}");
        File.WriteAllText(_templates.File("_part.sbn"), "<i>{{ name }}</i>");
        var templates = new ReportTemplates(_templates.Path);

        var html = templates.Render("t.html.sbn", new { Name = "\"><script>alert('x')</script>&", Plot = new TrustedHtml("<svg><circle r=\"1\"/></svg>") });

        const string encoded = "&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;";
        Assert.Equal($"<p title=\"{encoded}\">{encoded}</p><svg><circle r=\"1\"/></svg><i>{encoded}</i>", html);
    }

    [Theory]
    [InlineData("\u202Egnp.exe", "[U+202E]gnp.exe")]
    [InlineData("a\u2066b\u2069\u200F", "a[U+2066]b[U+2069][U+200F]")]
    [InlineData("\u0648\u0635\u0641\u0629 \U0001F680", "\u0648\u0635\u0641\u0629 &#128640;")] // WebUtility writes astral characters as references
    public void Bidirectional_controls_are_shown_and_right_to_left_letters_and_emoji_kept(string name, string shown) =>
        Assert.Equal(shown, EscapingTemplateContext.EncodeHtml(name));

    [Fact]
    public void Markdown_templates_escape_for_Markdown_so_a_name_stays_one_table_cell()
    {
        File.WriteAllText(_templates.File("t.md.sbn"), "| {{ name }} |");

        var md = new ReportTemplates(_templates.Path).Render("t.md.sbn", new { Name = "a|b <img> [x](y)\nz" });

        Assert.Equal("| a\\|b &lt;img&gt; \\[x\\](y) z |", md);
    }

    [Fact]
    public void Scriban_built_ins_stay_available_and_a_misspelt_name_is_an_error_that_points_at_the_template()
    {
        File.WriteAllText(_templates.File("ok.html.sbn"), "{{ name | string.upcase }} {{ items | array.size }}");
        File.WriteAllText(_templates.File("typo.html.sbn"), "line one\n{{ nmae }}");
        var templates = new ReportTemplates(_templates.Path);

        Assert.Equal("&lt;B&gt; 3", templates.Render("ok.html.sbn", new { Name = "<b>", Items = new[] { 1, 2, 3 } }));
        var error = Assert.Throws<LedgerInputException>(() => templates.Render("typo.html.sbn", new { Name = "x" }));
        Assert.Equal(ErrorCodes.InvalidTemplate, error.Code);
        Assert.Equal((_templates.File("typo.html.sbn"), 2), (error.Location.File, error.Location.Line));
    }

    [Fact]
    public void A_template_that_does_not_parse_is_bad_input_and_the_embedded_ones_are_used_when_not_overridden()
    {
        File.WriteAllText(_templates.File("index.html.sbn"), "{{ if }}");

        var error = Assert.Throws<LedgerInputException>(() => new ReportTemplates(_templates.Path).Render("index.html.sbn", new { }));
        Assert.Equal(ErrorCodes.InvalidTemplate, error.Code);
        Assert.Contains("<!DOCTYPE html>", new ReportTemplates(_templates.Path).Render("_foot.sbn", new { }) + new ReportTemplates(null).Render("_head.sbn", new { Title = "t" }));
        Assert.Throws<LedgerInputException>(() => new ReportTemplates(_templates.File("missing")));
    }

    public void Dispose() => _templates.Dispose();
}
