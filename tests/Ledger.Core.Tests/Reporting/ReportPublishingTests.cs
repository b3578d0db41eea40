using Ledger.Core.Diagnostics;
using Ledger.Core.FileSystem;
using Ledger.Core.Reporting.Html;

namespace Ledger.Core.Tests.Reporting;

/// <summary>
/// A render is swapped into the report folder whole: Ledger's own files are replaced, everything else in the folder
/// stays (the same file, not a copy), a file of the report's names that Ledger did not write is refused unless
/// forced, and what killed renders leave beside the folder is cleaned up by the next one, except a render still running.
/// </summary>
public sealed class ReportPublishingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Out => _folder.File("out");

    private string InOut(string name) => Path.Combine(Out, name);

    [Fact]
    public void Files_ledger_did_not_write_stay_in_the_folder_and_ledger_s_old_pages_go()
    {
        Render(("index.html", "one"), ("snapshot-1.html", "one"), ("snapshot-2.html", "one"));
        File.WriteAllText(InOut("notes.txt"), "mine");
        Directory.CreateDirectory(InOut("coverage"));
        File.WriteAllText(InOut(Path.Combine("coverage", "index.html")), "theirs");
        var notes = FileStatus.Of(InOut("notes.txt")).Identity;

        Render(("index.html", "two"), ("snapshot-1.html", "two"));

        Assert.Equal([".ledger-report.json", "coverage", "index.html", "notes.txt", "snapshot-1.html"], Entries(Out));
        Assert.Equal(("two", "mine", "theirs"),
            (File.ReadAllText(InOut("index.html")), File.ReadAllText(InOut("notes.txt")), File.ReadAllText(InOut(Path.Combine("coverage", "index.html")))));
        Assert.Equal(notes, FileStatus.Of(InOut("notes.txt")).Identity);
        Assert.Equal(1u, FileStatus.Of(InOut("notes.txt")).LinkCount);
        Assert.Equal(["out"], Entries(_folder.Path));
    }

    [Fact]
    public void A_file_of_a_report_name_that_ledger_did_not_write_is_refused_and_force_replaces_it()
    {
        Render(("index.html", "one"));
        File.WriteAllText(InOut("summary.md"), "my own summary");

        var refused = Assert.Throws<LedgerInputException>(() => Render(("index.html", "two"), ("summary.md", "gate")));
        var kept = (File.ReadAllText(InOut("index.html")), File.ReadAllText(InOut("summary.md")));
        Render(force: true, ("index.html", "three"), ("summary.md", "gate"));

        Assert.Equal((ErrorCodes.ForeignReportFile, InOut("summary.md")), (refused.Code, refused.Location.File));
        Assert.Equal(("one", "my own summary"), kept);
        Assert.Equal(("three", "gate"), (File.ReadAllText(InOut("index.html")), File.ReadAllText(InOut("summary.md"))));
        Assert.Equal(["out"], Entries(_folder.Path));
    }

    [Fact]
    public void A_page_someone_changed_since_ledger_wrote_it_is_theirs()
    {
        Render(("index.html", "one"), ("snapshot-1.html", "one"));
        File.AppendAllText(InOut("snapshot-1.html"), " and my note");

        var refused = Assert.Throws<LedgerInputException>(() => Render(("index.html", "two"), ("snapshot-1.html", "two")));
        Render(("index.html", "three"));

        Assert.Equal(ErrorCodes.ForeignReportFile, refused.Code);
        Assert.Equal("one and my note", File.ReadAllText(InOut("snapshot-1.html")));
    }

    [Fact]
    public void An_index_html_of_someone_else_is_refused_before_anything_is_rendered()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(InOut("index.html"), "my site");

        var refused = Assert.Throws<LedgerInputException>(() => new OutputFolder(Out));

        Assert.Equal(ErrorCodes.ForeignReportFile, refused.Code);
        Assert.Equal(["out"], Entries(_folder.Path));
    }

    [Fact]
    public void What_dead_renders_left_beside_the_folder_is_cleaned_up_and_a_running_render_is_left_alone()
    {
        Render(("index.html", "one"));
        // A render killed while writing pages: its staging folder, its lock file no longer held.
        var dead = Sibling("00000000000000d1.tmp", (OutputFolder.LockFileName, ""), ("index.html", "half"), ("snapshot-9.html", "half"));
        // A render killed after the swap, before it retired the previous folder: a file of the user's still in it.
        var retired = Sibling("00000000000000d2.tmp", ("mine.txt", "the user's"));
        // A render that is still running: its lock file is held.
        var running = Sibling("00000000000000a1.tmp", (OutputFolder.LockFileName, ""), ("index.html", "in progress"));
        // Not this folder's: the hidden sibling of a folder named "out.ledger-x".
        var another = Sibling("x.ledger-00000000000000d3.tmp", ("theirs.txt", "another folder's"));
        using (new FileStream(Path.Combine(running, OutputFolder.LockFileName), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            Render(("index.html", "two"));

        Assert.False(Directory.Exists(dead));
        Assert.False(Directory.Exists(retired));
        Assert.Equal("the user's", File.ReadAllText(InOut("mine.txt")));
        Assert.Equal("in progress", File.ReadAllText(Path.Combine(running, "index.html")));
        Assert.Equal("another folder's", File.ReadAllText(Path.Combine(another, "theirs.txt")));
        Assert.Equal("two", File.ReadAllText(InOut("index.html")));
    }

    [Fact]
    public void A_render_that_fails_leaves_the_folder_as_it_was_and_nothing_beside_it()
    {
        Render(("index.html", "one"));

        using (var output = new OutputFolder(Out))
            output.Write("index.html", "never published");

        Assert.Equal("one", File.ReadAllText(InOut("index.html")));
        Assert.Equal(["out"], Entries(_folder.Path));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("file")]
    public void The_root_and_a_file_are_not_report_folders(string path)
    {
        File.WriteAllText(_folder.File("file"), "");

        var e = Assert.Throws<LedgerInputException>(() => new OutputFolder(path == "/" ? path : _folder.File(path)));

        Assert.Equal(ErrorCodes.InvalidOption, e.Code);
    }

    [Fact]
    public void A_link_named_as_the_folder_publishes_into_the_folder_it_names()
    {
        Directory.CreateDirectory(_folder.File("real"));
        Directory.CreateSymbolicLink(Out, _folder.File("real"));

        Render(("index.html", "one"));

        Assert.Equal("one", File.ReadAllText(_folder.File(Path.Combine("real", "index.html"))));
        Assert.NotNull(new DirectoryInfo(Out).LinkTarget);
    }

    private void Render(params (string Name, string Text)[] files) => Render(false, files);

    private void Render(bool force, params (string Name, string Text)[] files)
    {
        using var output = new OutputFolder(Out, force);
        foreach (var (name, text) in files)
            output.Write(name, text);
        output.Publish();
    }

    private string Sibling(string suffix, params (string Name, string Text)[] files)
    {
        var path = _folder.File(".out.ledger-" + suffix);
        Directory.CreateDirectory(path);
        foreach (var (name, text) in files)
            File.WriteAllText(Path.Combine(path, name), text);
        return path;
    }

    private static string[] Entries(string folder) =>
        Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    public void Dispose() => _folder.Dispose();
}
