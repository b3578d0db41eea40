using Microsoft.Playwright;

namespace Ledger.Report.Tests;

/// <summary>
/// Debian's chromium driven by Playwright, launched once for all the tests (a launch takes about two seconds).
/// The host-resolver rule makes any name lookup fail, so a page that reached for the network could not, and
/// the recorded requests show that it tried.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: build/test.sh installs it (apt-get install chromium)");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
    }

    /// <summary>Opens a report file and records what the page did while it loaded.</summary>
    public async Task<PageVisit> OpenAsync(string path)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        var visit = new PageVisit(page, new Uri(path).AbsoluteUri);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                visit.ConsoleErrors.Add(message.Text);
        };
        page.PageError += (_, error) => visit.ConsoleErrors.Add(error);
        page.Request += (_, request) => visit.Requests.Add(request.Url);
        page.Dialog += async (_, dialog) =>
        {
            visit.Dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        await page.GotoAsync(visit.Url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return visit;
    }
}

[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<Chromium>
{
    public const string Name = "chromium";
}

/// <summary>One page as loaded: console errors, requests (the page's own file first), dialogs opened.</summary>
public sealed class PageVisit(IPage page, string url) : IAsyncDisposable
{
    public IPage Page { get; } = page;
    public string Url { get; } = url;
    public List<string> ConsoleErrors { get; } = [];
    public List<string> Requests { get; } = [];
    public List<string> Dialogs { get; } = [];

    /// <summary>Requests for anything but the page's own file: a self-contained report makes none.</summary>
    public IEnumerable<string> OtherRequests => Requests.Where(r => r != Url);

    public Task<int> CountAsync(string selector) => Page.Locator(selector).CountAsync();

    public ValueTask DisposeAsync() => new(Page.CloseAsync());
}
