using Ledger.Core.Diagnostics;
using Ledger.Core.Ingest;

namespace Ledger.Core.Tests.Ingest;

public sealed class RunLogSourcesTests : IDisposable
{
    private readonly TempFolder temp = new();

    public RunLogSourcesTests()
    {
        foreach (var file in new[] { "a/run1.csv", "a/run2.jsonl", "a/notes.md", "a/notes.txt", "b/deep/run3.csv", "b/run4.tsv", "c.csv" })
            temp.Write(file, "compute,reward\n1,0.5\n");
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Expands_files_folders_and_globs_into_sorted_full_paths_each_once()
    {
        var files = RunLogSources.Expand(["c.csv", "b", "**/*.csv", Path.Combine(temp.Path, "a", "*.jsonl")], temp.Path);

        Assert.Equal(["a/run1.csv", "a/run2.jsonl", "b/deep/run3.csv", "b/run4.tsv", "c.csv"], files.Select(Relative));
        Assert.All(files, f => Assert.True(Path.IsPathFullyQualified(f)));
    }

    [Fact]
    public void A_single_star_stays_in_one_folder()
    {
        var files = RunLogSources.Expand(["b/*"], temp.Path);

        Assert.Equal(["b/run4.tsv"], files.Select(Relative));
    }

    [Fact]
    public void A_folder_yields_only_its_run_logs()
    {
        var files = RunLogSources.Expand(["a"], temp.Path);

        Assert.Equal(["a/run1.csv", "a/run2.jsonl"], files.Select(Relative));
    }

    [Fact]
    public void A_txt_log_is_read_only_when_named_or_globbed()
    {
        var files = RunLogSources.Expand(["a/*.txt"], temp.Path);

        Assert.Equal(["a/notes.txt"], files.Select(Relative));
    }

    [Theory]
    [InlineData("**/*.parquet")]
    [InlineData("missing-folder/*.csv")]
    public void A_glob_that_matches_nothing_is_an_error(string glob)
    {
        var error = Assert.Throws<LedgerInputException>(() => RunLogSources.Expand([glob], temp.Path));

        Assert.Equal((ErrorCodes.GlobMatchedNothing, glob), (error.Code, error.Location.File));
    }

    [Fact]
    public void A_folder_without_run_logs_is_an_error()
    {
        temp.Write("docs/readme.md", "# runs");

        var error = Assert.Throws<LedgerInputException>(() => RunLogSources.Expand(["docs"], temp.Path));

        Assert.Equal(ErrorCodes.GlobMatchedNothing, error.Code);
    }

    [Fact]
    public void A_missing_file_is_an_error()
    {
        var error = Assert.Throws<LedgerInputException>(() => RunLogSources.Expand(["a/run1.csv", "a/run9.csv"], temp.Path));

        Assert.Equal((ErrorCodes.FileNotFound, "a/run9.csv"), (error.Code, error.Location.File));
    }

    private string Relative(string path) => Path.GetRelativePath(temp.Path, path).Replace('\\', '/');
}
