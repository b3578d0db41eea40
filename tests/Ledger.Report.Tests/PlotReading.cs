using Microsoft.Playwright;

namespace Ledger.Report.Tests;

/// <summary>
/// Reading a rendered page as a person does: a plot's axes from its own tick labels (so positions are checked against
/// what a reader sees, not against the code that drew them), a recipe's section by its heading, and screenshots kept
/// under build/artifacts for a person to open.
/// </summary>
internal static class PlotReading
{
    /// <summary>A y axis as its tick labels place it: value to SVG y, through the lowest and highest labelled tick (a label sits 4 units below its tick).</summary>
    public static async Task<Func<double, double>> YAxis(ILocator plot)
    {
        var ticks = await plot.Locator("text.ylabel").EvaluateAllAsync<double[][]>("ts => ts.map(t => [+t.textContent, +t.getAttribute('y')])");
        var (low, high) = (ticks.MinBy(t => t[0])!, ticks.MaxBy(t => t[0])!);
        return value => low[1] - 4 + (value - low[0]) / (high[0] - low[0]) * (high[1] - low[1]);
    }

    /// <summary>An x axis as its tick labels place it: value to SVG x, through the lowest and highest labelled tick.</summary>
    public static async Task<Func<double, double>> XAxis(ILocator plot)
    {
        var ticks = await plot.Locator("text.xlabel").EvaluateAllAsync<double[][]>("ts => ts.map(t => [+t.textContent, +t.getAttribute('x')])");
        var (low, high) = (ticks.MinBy(t => t[0])!, ticks.MaxBy(t => t[0])!);
        return value => low[1] + (value - low[0]) / (high[0] - low[0]) * (high[1] - low[1]);
    }

    /// <summary>The section of a snapshot page whose heading is the recipe's name.</summary>
    public static ILocator Section(PageVisit visit, string recipe) =>
        visit.Page.Locator("section.recipe", new PageLocatorOptions { Has = visit.Page.GetByRole(AriaRole.Heading, new() { Name = recipe, Exact = true }) });

    /// <summary>A picture of <paramref name="part"/> (the whole page when null), kept as build/artifacts/<paramref name="name"/>.</summary>
    public static async Task Screenshot(PageVisit visit, ILocator? part, string folder, string name)
    {
        var path = Path.Combine(folder, name);
        if (part is null)
            await visit.Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        else
            await part.ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
        Assert.True(new FileInfo(path).Length > 10_000, $"{name} is all but empty");
        var artifacts = Path.Combine(ReportFixture.RepositoryRoot, "build", "artifacts");
        Directory.CreateDirectory(artifacts);
        File.Copy(path, Path.Combine(artifacts, name), overwrite: true);
    }
}
