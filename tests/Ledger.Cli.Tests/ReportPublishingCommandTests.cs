using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Ledger.Core.Ingest;
using Ledger.Core.Reporting.Html;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;
using Xunit.Abstractions;

namespace Ledger.Cli.Tests;

/// <summary>
/// `ledger report` publishes a render whole. Found with real processes: a report killed with `kill -9` half way into
/// a folder holding an older report left pages of both renders; six `ledger check --report` into one folder at once
/// died with exit 134, and one's clean-up deleted another's index.html. These tests do the same with the installed tool.
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed partial class ReportPublishingCommandTests(InstalledTool tool, ITestOutputHelper output) : IDisposable
{
    private const int Kills = 20;
    private const int BigSnapshots = 300;
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-publish-").FullName;

    private string Site => Path.Combine(_work, "site");

    [Fact]
    public void A_report_killed_half_way_leaves_the_folder_holding_one_whole_render()
    {
        var small = BuildLedger("small.db", snapshots: 1);
        var big = BuildLedger("big.db", BigSnapshots);
        Report(small);
        var clock = Stopwatch.StartNew();
        Report(big);
        var duration = clock.Elapsed;

        var random = new Random(20261203);
        int old = 0, renewed = 0, killedWhileRendering = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            Report(small);
            using (var running = tool.Start(_work, "report", "--db", big, "--out", "site", "--bootstrap", "0"))
            {
                Thread.Sleep(duration * (0.3 + 0.9 * random.NextDouble()));
                running.KillHard();
            }
            if (Directory.EnumerateDirectories(_work, ".site.ledger-*").Any(staging => Directory.EnumerateFiles(staging, "*.html").Any()))
                killedWhileRendering++;
            var snapshots = AssertOneWholeRender();
            Assert.True(snapshots is 1 or BigSnapshots, $"{snapshots} snapshot pages: a mix of the two renders");
            if (snapshots == 1)
                old++;
            else
                renewed++;
        }

        output.WriteLine($"one report of {BigSnapshots} snapshots: {duration.TotalMilliseconds:0} ms; {Kills} kills: {old} left the older render, " +
                         $"{renewed} the new one, {killedWhileRendering} killed a render while it wrote its pages");
        // The kills must land while pages were being written, or the test proves less than it claims.
        Assert.InRange(killedWhileRendering, 1, Kills);
        // The next render cleans up what the killed ones left beside the folder.
        Report(big);
        Assert.Equal(BigSnapshots, AssertOneWholeRender());
        Assert.Empty(Directory.EnumerateDirectories(_work, ".site.ledger-*"));
    }

    [Fact]
    public void Six_checks_reporting_into_one_folder_at_once_all_succeed_and_leave_one_whole_render()
    {
        for (var seed = 1; seed <= 3; seed++)
            TestLogs.WriteSigmoid(Path.Combine(_work, "runs", "reference", $"seed{seed}.csv"), seed);
        Directory.CreateDirectory(Site);
        File.WriteAllText(Path.Combine(Site, "notes.txt"), "the team's notes");

        var checks = Enumerable.Range(1, 6)
            .Select(i => tool.Start(_work, "check", "runs", "--db", "ledger.db", "--commit", $"c{i}", "--branch", "main", "--report", "site", "--bootstrap", "0"))
            .ToList();
        var runs = checks.Select(check => check.WaitForExit()).ToList();
        checks.ForEach(check => check.Dispose());

        Assert.All(runs, run =>
        {
            Assert.Equal(0, run.ExitCode);
            Assert.DoesNotContain("Unhandled", run.Stderr);
            Assert.Contains($"report: ", run.Stdout);
        });
        Assert.InRange(AssertOneWholeRender(), 1, 6);
        Assert.Equal("the team's notes", File.ReadAllText(Path.Combine(Site, "notes.txt")));
        Assert.Empty(Directory.EnumerateDirectories(_work, ".site.ledger-*"));
    }

    [Fact]
    public void A_file_of_the_user_s_under_a_report_name_is_refused_and_force_replaces_it_without_writing_through_a_link()
    {
        var ledger = BuildLedger("small.db", snapshots: 1);
        Directory.CreateDirectory(Site);
        var outside = Path.Combine(_work, "outside.md");
        File.WriteAllText(outside, "a file outside the report folder");
        Assert.True(Ledger.Core.FileSystem.AtomicRename.TryHardLink(outside, Path.Combine(Site, "index.html")));

        var refused = tool.Run(_work, "report", "--db", ledger, "--out", "site", "--bootstrap", "0");
        var forced = tool.Run(_work, "report", "--db", ledger, "--out", "site", "--bootstrap", "0", "--force");

        Assert.Equal(2, refused.ExitCode);
        Assert.StartsWith($"{Path.Combine(Site, "index.html")}: error LEDGER131: found a file of the report's name that Ledger did not write", refused.Stderr);
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal("a file outside the report folder", File.ReadAllText(outside));
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(Path.Combine(Site, "index.html")));
    }

    [Theory]
    [InlineData("/", "/: error LEDGER120: found the root folder")]
    [InlineData(".", ".: error LEDGER120: found the working folder, or a folder that holds it")]
    public void A_report_folder_that_cannot_be_replaced_whole_is_exit_2(string folder, string error)
    {
        var ledger = BuildLedger("small.db", snapshots: 1);

        var run = tool.Run(_work, "report", "--db", ledger, "--out", folder, "--bootstrap", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(error, run.Stderr);
        Assert.Equal(["small.db"], Directory.EnumerateFileSystemEntries(_work).Select(Path.GetFileName));
    }

    /// <summary>
    /// The folder holds exactly the files its manifest lists, each as that render wrote it, and its index counts as many
    /// snapshots as there are snapshot pages, each linked page present. Returns the number of snapshots.
    /// </summary>
    private int AssertOneWholeRender()
    {
        var manifest = ReportManifest.Read(Site);
        Assert.NotNull(manifest);
        var ledgerFiles = Directory.EnumerateFiles(Site).Select(Path.GetFileName)
            .Where(name => name is not (ReportManifest.FileName or "notes.txt")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(manifest.Files.Select(f => f.Name).Order(StringComparer.Ordinal), ledgerFiles);
        Assert.All(ledgerFiles, name => Assert.True(manifest.Wrote(Path.Combine(Site, name!)), $"{name} is not as its render wrote it"));
        var index = File.ReadAllText(Path.Combine(Site, "index.html"));
        var count = int.Parse(SnapshotCount().Match(index).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(count, ledgerFiles.Count(name => name!.StartsWith("snapshot-", StringComparison.Ordinal)));
        Assert.All(SnapshotLink().Matches(index), link => Assert.True(File.Exists(Path.Combine(Site, link.Groups[1].Value))));
        return count;
    }

    private void Report(string ledger) =>
        Assert.Equal(0, tool.Run(_work, "report", "--db", ledger, "--out", "site", "--bootstrap", "0").ExitCode);

    /// <summary>
    /// A ledger of <paramref name="snapshots"/> commits of 4 recipes x 3 seeds. Most commits hold the same runs, so the
    /// report's time goes to writing pages (a section of unchanged runs is rendered once) rather than to fitting.
    /// </summary>
    private string BuildLedger(string name, int snapshots)
    {
        var path = Path.Combine(_work, name);
        using var store = LiteDbLedgerStore.Open(path);
        for (var s = 0; s < snapshots; s++)
        {
            var version = s / 50;
            var runs = Enumerable.Range(0, 12).Select(r => Run($"recipe{r / 3}", $"seed{r % 3}", 0.6 + 0.01 * (r / 3) + 1e-3 * version + 1e-5 * (r % 3))).ToList();
            store.Append(new SnapshotDraft($"c{s}", "main", DateTimeOffset.UnixEpoch.AddHours(s)), runs);
        }
        return path;
    }

    private static RunLog Run(string recipe, string seed, double a) =>
        new(recipe, seed, $"runs/{recipe}/{seed}.csv", "csv", ComputeMapping.FromColumn("compute"), "reward",
            TestLogs.ReferenceCompute.Select(c => new CurvePoint(c, a / (1 + Math.Pow(5000 / c, 1.5)))).ToList(), []);

    [GeneratedRegex(@"(\d+) snapshots, newest first")]
    private static partial Regex SnapshotCount();

    [GeneratedRegex(@"href=""(snapshot-\d+\.html)""")]
    private static partial Regex SnapshotLink();

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
