using Ledger.Core.Storage;

namespace Ledger.Cli.Tests;

/// <summary>`ledger report` as users run it: files in --out, the ledger left byte for byte, bad folders and templates exit 2.</summary>
[Collection(InstalledToolCollection.Name)]
public sealed class ReportCommandTests(InstalledTool tool) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-report-").FullName;

    private string Db => Path.Combine(_work, "ledger.db");

    [Fact]
    public void Writes_the_pages_into_the_out_folder_and_leaves_the_ledger_as_it_was()
    {
        AppendOneSnapshot();
        var before = LedgerDump.Of(Db);
        var ledgerHash = TestLogs.FileHash(Db);

        var run = tool.Run(_work, "report", "--db", Db, "--out", "site", "--bootstrap", "100");

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.StartsWith($"report: 4 files (1 snapshots, 1 recipes) in {Path.Combine(_work, "site")}", run.Stdout);
        Assert.Equal([".ledger-report.json", "curves-1.html", "index.html", "recipe-reference-", "snapshot-1.html"],
            Directory.GetFiles(Path.Combine(_work, "site")).Select(Path.GetFileName).Order(StringComparer.Ordinal)
                .Select(f => f!.StartsWith("recipe-", StringComparison.Ordinal) ? "recipe-reference-" : f));
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(_work, "site", "snapshot-1.html")));
        Assert.Equal(before, LedgerDump.Of(Db));
        Assert.Equal(ledgerHash, TestLogs.FileHash(Db));
    }

    [Fact]
    public void A_template_folder_replaces_the_built_in_templates_by_name()
    {
        AppendOneSnapshot();
        Directory.CreateDirectory(Path.Combine(_work, "mine"));
        File.WriteAllText(Path.Combine(_work, "mine", "index.html.sbn"), "<h1>{{ snapshot_count }} snapshot(s)</h1>");

        var run = tool.Run(_work, "report", "--db", Db, "--out", "site", "--templates", "mine", "--bootstrap", "0");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("<h1>1 snapshot(s)</h1>", File.ReadAllText(Path.Combine(_work, "site", "index.html")));
        Assert.Contains("<!DOCTYPE html>", File.ReadAllText(Path.Combine(_work, "site", "snapshot-1.html")));
    }

    [Fact]
    public void A_missing_template_folder_or_a_broken_template_is_exit_2_with_the_place()
    {
        AppendOneSnapshot();
        Directory.CreateDirectory(Path.Combine(_work, "broken"));
        File.WriteAllText(Path.Combine(_work, "broken", "snapshot.html.sbn"), "ok\n{{ no_such_variable }}");

        var missing = tool.Run(_work, "report", "--db", Db, "--out", "site", "--templates", "nowhere");
        var broken = tool.Run(_work, "report", "--db", Db, "--out", "site2", "--templates", "broken", "--bootstrap", "0");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("error LEDGER101", missing.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_work, "site")));
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains($"{Path.Combine(_work, "broken", "snapshot.html.sbn")}(2,", broken.Stderr);
        Assert.Contains("error LEDGER125", broken.Stderr);
    }

    [Fact]
    public void Out_is_required()
    {
        var run = tool.Run(_work, "report", "--db", Db);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--out", run.Stderr);
    }

    private void AppendOneSnapshot()
    {
        for (var seed = 1; seed <= 3; seed++)
            TestLogs.WriteSigmoid(Path.Combine(_work, "runs", "reference", $"seed{seed}.csv"), seed);
        Assert.Equal(0, tool.Run(_work, "append", "runs", "--db", Db, "--commit", "c1", "--branch", "main").ExitCode);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
