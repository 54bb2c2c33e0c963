using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using RunRecovery.Api.Hosting;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Web.Tests.Infrastructure;

/// <summary>
/// The real service in the "all" role (a real Hangfire server scores uploads) over HTTP against its own database,
/// plus Debian's chromium driven by Playwright. The browser is the system one: Playwright's own download is never used.
/// </summary>
public class DashboardHost(TestPostgres postgres) : RunnerHost(postgres)
{
    public static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    /// <summary>Said by every browser test that is skipped because no chromium was found.</summary>
    public const string NoChromiumReason =
        "The browser tests need Debian's chromium and none was found on PATH: install it with "
        + "`sudo apt-get update && sudo apt-get install -y chromium` (.ci/run does), or set RUNRECOVERY_CHROMIUM to a "
        + "Chromium executable. Playwright's own browser download is not used.";

    /// <summary>The default tile server's host: the tests answer its requests themselves (there is no network).</summary>
    public const string TileHostPattern = "https://tile.openstreetmap.org/**";

    private IPlaywright? _playwright;

    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(NoChromiumReason);

    /// <summary>Requests for map tiles the pages made, with the Referer each carried (the tile usage policy asks for one).</summary>
    public List<(string Url, string? Referer)> TileRequests { get; } = [];

    public string BaseUrl => Service.BaseAddress.ToString().TrimEnd('/');

    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    protected override ServiceRole Role => ServiceRole.All;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        string? chromium = FindChromium();
        if (chromium is null)
        {
            return; // every browser test then skips with NoChromiumReason (NewPageAsync); HTTP-only tests still run
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Skips the calling test, with the reason, when there is no chromium to drive.</summary>
    public void SkipWithoutBrowser() => Assert.SkipWhen(_browser is null, NoChromiumReason);

    /// <summary>
    /// A fresh browser context (its own cookies) with a page that records console errors and page errors. The
    /// browser runs in New York time and British English, so a time shown in the runner's profile zone cannot
    /// be the browser's by accident. Map tiles from the default tile server are answered with a grey square
    /// (<see cref="TileRequests"/> records them); every other request outside the service fails, as offline.
    /// </summary>
    public async Task<WatchedPage> NewPageAsync(int width = 1280, int height = 900, bool touch = false)
    {
        SkipWithoutBrowser();
        IBrowserContext context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            HasTouch = touch,
            IsMobile = touch,
            Locale = "en-GB",
            TimezoneId = BrowserTimeZone,
        });
        await context.RouteAsync(TileHostPattern, async route =>
        {
            lock (TileRequests)
            {
                TileRequests.Add((route.Request.Url, route.Request.Headers.GetValueOrDefault("referer")));
            }

            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "image/png", BodyBytes = GreyTile });
        });
        IPage page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        // Expect(...) waits 5 s by default, too short for a page calling a busy service on a loaded 2-core machine;
        // the same 15 s as the page's actions. A deadline, not a weaker assertion.
        Assertions.SetDefaultExpectTimeout(15_000);
        var watched = new WatchedPage(context, page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                watched.Errors.Add($"{page.Url}: console error: {message.Text}");
            }
        };
        page.PageError += (_, error) => watched.Errors.Add($"{page.Url}: uncaught: {error}");
        page.Dialog += async (_, dialog) =>
        {
            watched.Errors.Add($"{page.Url}: a dialog opened: {dialog.Message}");
            await dialog.DismissAsync();
        };
        return watched;
    }

    /// <summary>Signs in through the form with the keyboard only: Tab past the skip link to the key, type it, Enter.</summary>
    public static async Task SignInAsync(IPage page, string key)
    {
        await page.GotoAsync("/signin.html");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle); // the form's token is filled in by the page's script
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("apiKey", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync(key);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath is "/" or "/index.html");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Today" }).WaitForAsync();
    }

    /// <summary>The browser's own zone in every test: not UTC and not a zone any test runner lives in.</summary>
    public const string BrowserTimeZone = "America/New_York";

    /// <summary>A 1×1 grey PNG, stretched by the browser over a 256 px tile.</summary>
    public static readonly byte[] GreyTile = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGO4AQAA2gDZEE0EmAAAAABJRU5ErkJggg==");

    /// <summary>Waits until the page's script has drawn everything (startPage sets data-state on the root element).</summary>
    public static async Task WaitForReadyAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.state !== undefined");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public async Task<JsonElement> WaitForScoredAsync(Guid id, string key)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            using HttpResponseMessage response = await SendAsync(HttpMethod.Get, $"/api/activities/{id}", key);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            JsonElement detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync(deadline.Token)).RootElement;
            if (detail.GetProperty("scoring").GetProperty("state").GetString() == "scored")
            {
                return detail;
            }

            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"Activity {id} was not scored within 60 s. Hangfire jobs: {await JobStatesAsync()}");
            }
        }
    }

    private async Task<string> JobStatesAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT string_agg(j.id || ' ' || coalesce(j.statename, '?') || ' ' || left(j.invocationdata::text, 120) || ' ' || coalesce(left(s.data::text, 300), ''), ' | ') "
            + "FROM hangfire.job j LEFT JOIN hangfire.state s ON s.id = j.stateid",
            connection);
        return (await command.ExecuteScalarAsync(CancellationToken.None))?.ToString() ?? "none";
    }

    public static string? FindChromium()
    {
        string? configured = Environment.GetEnvironmentVariable("RUNRECOVERY_CHROMIUM");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, "chromium");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>
/// The dashboard without a job server (role "api"), for tests that need no scoring: only one host in the process
/// then runs Hangfire workers.
/// </summary>
public sealed class DashboardApiHost(TestPostgres postgres) : DashboardHost(postgres)
{
    protected override ServiceRole Role => ServiceRole.Api;
}

/// <summary>A page and everything it reported as an error (console errors, uncaught exceptions, dialogs).</summary>
public sealed class WatchedPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;

    public IPage Page { get; } = page;

    public List<string> Errors { get; } = [];

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
