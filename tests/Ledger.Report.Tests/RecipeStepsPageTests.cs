using System.Globalization;
using System.Text;
using Ledger.Core.Reporting.Html;
using Microsoft.Playwright;

namespace Ledger.Report.Tests;

/// <summary>
/// A recipe's page over eight main builds in which its A steps down 0.06 at the fifth, opened in Chromium: the step line
/// runs through its two levels, the change's commit is marked at its column, and the change is listed under the plot.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class RecipeStepsPageTests(Chromium chromium) : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly ReportFixture _report = Build();

    private static ReportFixture Build()
    {
        var report = ReportFixture.Create();
        for (var build = 0; build < 8; build++)
            report.Append([WriteBuild(report, build, build < 4 ? 0.80 : 0.74)], Commit(build), "main", Monday.AddHours(build));
        report.Render();
        return report;
    }

    [Fact]
    public async Task The_steps_run_through_both_levels_and_the_change_is_marked_and_listed()
    {
        await using var visit = await chromium.OpenAsync(_report.Page(ReportFileNames.Recipe("grpo")));

        Assert.Empty(visit.ConsoleErrors);
        Assert.Empty(visit.OtherRequests);
        var plot = visit.Page.Locator("svg.plot");
        var steps = await plot.Locator("path.steps").GetAttributeAsync("d") ?? "";
        Assert.Equal(4, steps.Count(c => c is 'M' or 'L'));
        var ys = steps.Split(['M', 'L'], StringSplitOptions.RemoveEmptyEntries).Select(p => double.Parse(p.Trim().Split(' ')[1], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ys[0], ys[1]);
        Assert.Equal(ys[2], ys[3]);
        Assert.True(ys[2] > ys[0], "the second level is drawn lower (a larger y) than the first");
        Assert.Equal([Commit(4)[..7]], await plot.Locator("text.change-label").AllTextContentsAsync());
        var marker = await plot.Locator("line.change:not(.key)").GetAttributeAsync("x1");
        var fifth = await plot.Locator("circle.point").Nth(4).GetAttributeAsync("cx");
        Assert.Equal(fifth, marker);
        Assert.Contains("steps", await plot.Locator("text.legend").AllTextContentsAsync());
        var listed = Assert.Single(await visit.Page.Locator("ul.changes li").AllInnerTextsAsync());
        Assert.StartsWith($"recipe 'grpo' stepped -0.0", listed);
        Assert.Contains($"at {Commit(4)[..7]}", listed);
    }

    public void Dispose() => _report.Dispose();

    private static string Commit(int build) => $"{(uint)((build + 1) * 2654435761L):x8}".PadRight(40, 'a');

    /// <summary>Three seeds of recipe grpo, each with its own ceiling 0.01 around <paramref name="a"/>, 16 noisy points through the bend.</summary>
    private static string WriteBuild(ReportFixture report, int build, double a)
    {
        var random = new Random(build);
        var csv = new StringBuilder("recipe,run,compute,reward\n");
        for (var seed = 1; seed <= 3; seed++)
        {
            var ceiling = a + 0.01 * Gaussian(random);
            for (var i = 0; i < 16; i++)
            {
                var compute = 250 * Math.Pow(1.4, i);
                var reward = 0.05 + (ceiling - 0.05) / (1 + Math.Pow(1_500 / compute, 1.4)) + 0.004 * Gaussian(random);
                csv.Append(CultureInfo.InvariantCulture, $"grpo,seed{seed},{compute:R},{reward:R}\n");
            }
        }
        var path = Path.Combine(report.Logs, $"build{build}.csv");
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
