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

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl => Service.BaseAddress.ToString().TrimEnd('/');

    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    protected override ServiceRole Role => ServiceRole.All;

    public override async ValueTask InitializeAsync()
    {
        string chromium = FindChromium() ?? throw new InvalidOperationException(
            "The browser tests need Debian's chromium, and none was found on PATH. Install it with "
            + "`sudo apt-get update && sudo apt-get install -y chromium` (or set RUNRECOVERY_CHROMIUM to a Chromium executable). "
            + "Playwright's own browser download is not used.");
        await base.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A fresh browser context (its own cookies) with a page that records console errors and page errors.</summary>
    public async Task<WatchedPage> NewPageAsync(int width = 1280, int height = 900)
    {
        IBrowserContext context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        IPage page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
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
