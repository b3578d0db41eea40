using Ledger.Core.Diagnostics;
using Ledger.Core.Reporting.Html;

namespace Ledger.Core.Tests.Reporting;

/// <summary>Report file names from user text, and the folder that refuses to write anywhere else.</summary>
public sealed class FileNameTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData("grpo-b512", "recipe-grpo-b512-")]
    [InlineData("<script>alert(1)</script>", "recipe-script-alert-1-script-")]
    [InlineData("\"><img src=x onerror=alert(1)>", "recipe-img-src-x-onerror-alert-1-")]
    [InlineData("../../etc/passwd", "recipe-etc-passwd-")]
    [InlineData("CON", "recipe-con-")]
    [InlineData("\u202Egnp.exe", "recipe-gnp-exe-")]
    [InlineData("\U0001F680\u2728", "recipe-recipe-")]
    [InlineData("", "recipe-recipe-")]
    public void A_recipe_file_is_an_ascii_slug_and_a_hash_of_the_whole_name(string recipe, string prefix)
    {
        var name = ReportFileNames.Recipe(recipe);

        Assert.StartsWith(prefix, name);
        Assert.Matches("^recipe-[a-z0-9-]+-[0-9a-f]{8}\\.html$", name);
        Assert.Equal(name, Path.GetFileName(name));
    }

    [Fact]
    public void Long_names_are_capped_and_names_that_slug_alike_still_get_distinct_files()
    {
        var long300 = new string('x', 300);

        Assert.True(ReportFileNames.Recipe(long300).Length <= "recipe-".Length + ReportFileNames.MaxSlugLength + "-12345678.html".Length);
        Assert.NotEqual(ReportFileNames.Recipe("a/b"), ReportFileNames.Recipe("a b"));
        Assert.NotEqual(ReportFileNames.Recipe(long300), ReportFileNames.Recipe(long300 + "y"));
    }

    [Fact]
    public void The_output_folder_writes_plain_names_inside_itself_and_nothing_else()
    {
        using var output = new OutputFolder(_folder.File("out"));

        output.Write("index.html", "ok");
        Assert.Throws<ArgumentException>(() => output.Write("../escaped.html", "no"));
        Assert.Throws<ArgumentException>(() => output.Write("/tmp/escaped.html", "no"));
        Assert.Throws<ArgumentException>(() => output.Write("sub/inner.html", "no"));
        Assert.Throws<ArgumentException>(() => output.Write(ReportManifest.FileName, "no"));
        output.Publish();

        Assert.Equal("ok", File.ReadAllText(_folder.File(Path.Combine("out", "index.html"))));
        Assert.False(File.Exists(_folder.File("escaped.html")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_symbolic_or_hard_link_in_the_folder_is_never_written_through(bool hardLink)
    {
        var outside = _folder.File("outside.html");
        File.WriteAllText(outside, "untouched");
        Directory.CreateDirectory(_folder.File("out"));
        var inside = _folder.File(Path.Combine("out", "index.html"));
        if (hardLink)
            Assert.True(Ledger.Core.FileSystem.AtomicRename.TryHardLink(outside, inside));
        else
            File.CreateSymbolicLink(inside, outside);

        var error = Assert.Throws<LedgerInputException>(() => new OutputFolder(_folder.File("out")));
        using (var forced = new OutputFolder(_folder.File("out"), force: true))
        {
            forced.Write("index.html", "the report");
            forced.Publish();
        }

        Assert.Equal(ErrorCodes.ForeignReportFile, error.Code);
        Assert.Equal("untouched", File.ReadAllText(outside));
        Assert.Equal("the report", File.ReadAllText(inside));
        Assert.Null(new FileInfo(inside).LinkTarget);
    }

    [Fact]
    public void An_output_path_that_is_a_file_is_bad_input()
    {
        File.WriteAllText(_folder.File("file"), "");

        Assert.Throws<LedgerInputException>(() => new OutputFolder(_folder.File("file")));
    }

    public void Dispose() => _folder.Dispose();
}
