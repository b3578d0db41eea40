using Ledger.Core.Diagnostics;
using Ledger.Core.Reporting.Html;

namespace Ledger.Core.Tests.Reporting;

/// <summary>Every page's context shares Scriban's built-in functions, read-only: a template has its own variables but cannot change a built-in for the pages after it.</summary>
public sealed class SharedBuiltinsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void A_template_assigns_its_own_variables_and_uses_the_built_in_functions()
    {
        var templates = Templates(("page.html.sbn", "{{ x = 'ab' }}{{ x | string.upcase }} {{ 1..3 | array.size }}"));

        Assert.Equal("AB 3", templates.Render("page.html.sbn", new { }));
        Assert.Equal("AB 3", templates.Render("page.html.sbn", new { }));
    }

    [Fact]
    public void A_template_that_changes_a_built_in_fails_and_the_next_page_sees_the_built_in_unchanged()
    {
        var templates = Templates(
            ("changes.html.sbn", "{{ string.upcase = 'replaced' }}"),
            ("formats.html.sbn", "{{ date.format = '%Y' }}"),
            ("page.html.sbn", "{{ 'ab' | string.upcase }} {{ date.format }}"));

        Assert.Equal(ErrorCodes.InvalidTemplate, Assert.Throws<LedgerInputException>(() => templates.Render("changes.html.sbn", new { })).Code);
        Assert.Equal(ErrorCodes.InvalidTemplate, Assert.Throws<LedgerInputException>(() => templates.Render("formats.html.sbn", new { })).Code);
        Assert.Equal("AB %d %b %Y", templates.Render("page.html.sbn", new { }));
    }

    public void Dispose() => _folder.Dispose();

    private ReportTemplates Templates(params (string Name, string Text)[] files)
    {
        var folder = _folder.File("templates");
        Directory.CreateDirectory(folder);
        foreach (var (name, text) in files)
            File.WriteAllText(Path.Combine(folder, name), text);
        return new ReportTemplates(folder);
    }
}
