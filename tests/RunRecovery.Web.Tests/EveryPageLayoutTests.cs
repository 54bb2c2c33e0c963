using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using RunRecovery.Web.Tests.Infrastructure;

namespace RunRecovery.Web.Tests;

/// <summary>
/// Every page at a phone's 390 × 844 and a laptop's 1280 × 800, signed in as a runner whose profile zone is
/// Asia/Kolkata while the browser runs in New York time: no sideways scrolling, no console errors, no serious
/// axe violations, one shared header with sign-out, times in the profile's zone, the route drawn on the map,
/// charts drawn for their width, and the clubs table saying "no data yet" for a member without data.
/// </summary>
public sealed class EveryPageLayoutTests(EveryPageLayoutTests.SeededHost host) : IClassFixture<EveryPageLayoutTests.SeededHost>
{
    public const string RunnerZone = "Asia/Kolkata";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<int, int, string> Sizes => new() { { 390, 844, "phone" }, { 1280, 800, "desktop" } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Every_page_fits_and_passes_its_checks(int width, int height, string size)
    {
        Seed seed = await host.SeedAsync();
        bool phone = width < 768;
        await using WatchedPage watched = await host.NewPageAsync(width, height, touch: phone);
        IPage page = watched.Page;

        // Signed out: sign-in, sign-up and recovery.
        foreach (string name in new[] { "signin", "signup", "recover" })
        {
            await page.GotoAsync($"/{name}.html");
            await PageChecks.CheckAsync(watched, $"{name}-{size}");
            await PageChecks.DocScreenshotAsync(page, $"{name}-{size}");
        }

        await DashboardHost.SignInAsync(page, seed.Key);

        foreach ((string path, string name) in new[]
        {
            ("/", "today"), ("/load.html", "load"), ("/activities.html", "activities"), ($"/activity.html?id={seed.LoopId}", "activity"),
            ("/upload.html", "upload"), ("/checkin.html", "checkin"), ("/clubs.html", "clubs"), ("/settings.html", "settings"),
        })
        {
            await page.GotoAsync(path);
            await PageChecks.CheckAsync(watched, $"{name}-{size}");
            await AssertSharedHeaderAsync(page, path, phone);
            await PageChecks.DocScreenshotAsync(page, $"{name}-{size}");
            await (name switch
            {
                "today" => AssertTodayAsync(page, seed),
                "activities" => AssertActivitiesAsync(page, seed, phone),
                "activity" => AssertActivityAsync(page, seed, phone),
                "load" => AssertChartsFitAsync(page, 2),
                "clubs" => AssertClubsAsync(page, phone),
                _ => Task.CompletedTask,
            });
        }
    }

    private static async Task AssertSharedHeaderAsync(IPage page, string path, bool phone)
    {
        Assert.Equal(1, await page.Locator("header.site").CountAsync());
        string[] links = [.. await page.Locator("header.site nav a").AllTextContentsAsync()];
        Assert.Equal(["Today", "Load", "Activities", "Upload", "Check-in", "Clubs", "Settings"], links);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        string current = path == "/" ? "Today" : (await page.Locator("header.site nav a[aria-current='page']").TextContentAsync())!;
        Assert.Equal(1, await page.Locator("header.site nav a[aria-current='page']").CountAsync());
        Assert.False(string.IsNullOrEmpty(current));
        if (phone)
        {
            // The navigation folds behind "Menu" on a phone; the button opens it.
            ILocator menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
            await Assertions.Expect(page.Locator("#site-nav")).ToBeHiddenAsync();
            await menu.ClickAsync();
            await Assertions.Expect(page.Locator("#site-nav")).ToBeVisibleAsync();
            Assert.Equal("true", await menu.GetAttributeAsync("aria-expanded"));
            await PageChecks.AssertNoSidewaysScrollingAsync(page);
            await menu.ClickAsync();
        }
        else
        {
            await Assertions.Expect(page.Locator("#site-nav")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Menu" })).ToBeHiddenAsync();
        }
    }

    private static async Task AssertTodayAsync(IPage page, Seed seed)
    {
        ILocator card = page.Locator($"#due li[data-id='{seed.DueId}']");
        await Assertions.Expect(card).ToBeVisibleAsync();
        // "When" in the runner's zone (Kolkata), and no instant written in UTC anywhere on the page.
        await Assertions.Expect(card).ToContainTextAsync($"today {Local(seed.DueUtc):HH:mm}");
        Assert.DoesNotContain(" UTC", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await Assertions.Expect(card.Locator("ul.reasons")).ToContainTextAsync(Local(seed.LoopEndUtc).ToString("HH:mm", CultureInfo.InvariantCulture));
    }

    private static async Task AssertActivitiesAsync(IPage page, Seed seed, bool phone)
    {
        string start = Local(seed.LoopStartUtc).ToString("HH:mm", CultureInfo.InvariantCulture);
        string browserZone = TimeZoneInfo.ConvertTime(seed.LoopStartUtc, TimeZoneInfo.FindSystemTimeZoneById(DashboardHost.BrowserTimeZone))
            .ToString("HH:mm", CultureInfo.InvariantCulture);
        ILocator item = phone
            ? page.Locator("#activity-cards li").Filter(new() { HasText = "loop-run.fit" })
            : page.Locator("#activities tbody tr").Filter(new() { HasText = "loop-run.fit" });
        await Assertions.Expect(item).ToBeVisibleAsync();
        await Assertions.Expect(item).ToContainTextAsync(start);
        Assert.DoesNotContain(browserZone, await item.InnerTextAsync(), StringComparison.Ordinal);
        await Assertions.Expect(item).ToContainTextAsync(" km");
        await Assertions.Expect(item).ToContainTextAsync("/km"); // pace
        await Assertions.Expect(phone ? page.Locator("#activities") : page.Locator("#activity-cards")).ToBeHiddenAsync();
    }

    private async Task AssertActivityAsync(IPage page, Seed seed, bool phone)
    {
        await Assertions.Expect(page.Locator("#subtitle")).ToContainTextAsync(Local(seed.LoopStartUtc).ToString("HH:mm", CultureInfo.InvariantCulture));
        // The name is not clipped: the heading is as wide as it needs and wraps.
        Assert.True(await page.Locator("#title").EvaluateAsync<bool>("h => h.scrollWidth <= h.clientWidth"));

        // The route: Leaflet's SVG polyline with a real path, and tiles asked for with a Referer (tile usage policy).
        ILocator line = page.Locator("#route-map path.route-line");
        await Assertions.Expect(line).ToHaveCountAsync(1);
        Assert.True(((await line.GetAttributeAsync("d")) ?? "").Length > 50, "the route's path has almost no points");
        await Assertions.Expect(page.Locator("#route-map .map-attribution")).ToContainTextAsync("OpenStreetMap contributors");
        lock (host.TileRequests)
        {
            Assert.NotEmpty(host.TileRequests);
            Assert.All(host.TileRequests, request => Assert.Equal(host.BaseUrl + "/", request.Referer));
        }

        // Splits per km: 50 min at about 3 m/s.
        int rows = await page.Locator("#splits tbody tr").CountAsync();
        Assert.Equal((int)Math.Ceiling(seed.LoopMeters / 1000), rows);
        await Assertions.Expect(page.Locator("#splits thead")).ToContainTextAsync("km");
        await AssertChartsFitAsync(page, 3);

        if (phone)
        {
            // A finger on the pace chart shows that moment's pace.
            ILocator chart = page.Locator("#pace-chart svg.chart");
            await chart.ScrollIntoViewIfNeededAsync();
            await chart.TapAsync(new() { Position = new Position { X = 150, Y = 80 } });
            await Assertions.Expect(chart.Locator("g.tooltip")).ToHaveAttributeAsync("visibility", "visible");
            await Assertions.Expect(chart.Locator("g.tooltip")).ToContainTextAsync("Pace /km");
        }
    }

    /// <summary>Each chart is drawn at its on-screen width (one SVG unit per CSS pixel), so its labels really are 12 px.</summary>
    private static async Task AssertChartsFitAsync(IPage page, int expected)
    {
        double[][] charts = await page.Locator("svg.chart").EvaluateAllAsync<double[][]>(
            "all => all.map(svg => [svg.getBoundingClientRect().width, svg.viewBox.baseVal.width, parseFloat(getComputedStyle(svg.querySelector('text')).fontSize)])");
        Assert.True(charts.Length >= expected, $"{charts.Length} charts, expected {expected}");
        foreach (double[] chart in charts)
        {
            Assert.InRange(chart[0] - chart[1], -1.5, 1.5);
            Assert.Equal(12, chart[2]);
        }
    }

    private static async Task AssertClubsAsync(IPage page, bool phone)
    {
        ILocator member = phone
            ? page.Locator("#member-cards li").Filter(new() { HasText = "New Member" })
            : page.Locator("#members tbody tr").Filter(new() { HasText = "New Member" });
        await Assertions.Expect(member).ToContainTextAsync("no data yet");
        Assert.DoesNotContain("fresh", await member.InnerTextAsync(), StringComparison.Ordinal);
    }

    private static DateTimeOffset Local(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById(RunnerZone));

    public sealed record Seed(string Key, Guid LoopId, DateTimeOffset LoopStartUtc, DateTimeOffset LoopEndUtc, double LoopMeters, Guid DueId, DateTimeOffset DueUtc);

    /// <summary>
    /// The dashboard with a job server, seeded once: a runner in Asia/Kolkata with a scored 50-minute loop (its
    /// massage due now), an earlier run and a treadmill run, and a club they administer with a member without data.
    /// </summary>
    public sealed class SeededHost(Api.Tests.Infrastructure.TestPostgres postgres) : DashboardHost(postgres)
    {
        private readonly SemaphoreSlim _once = new(1, 1);
        private Seed? _seed;

        public async Task<Seed> SeedAsync()
        {
            SkipWithoutBrowser();
            await _once.WaitAsync(Cancel);
            try
            {
                return _seed ??= await CreateAsync();
            }
            finally
            {
                _once.Release();
            }
        }

        private async Task<Seed> CreateAsync()
        {
            var start = new DateTimeOffset(2026, 6, 10, 3, 0, 0, TimeSpan.Zero); // 08:30 in Kolkata, 23:00 the day before in New York
            Clock.Fixed = start.AddHours(2);
            (_, string key) = await CreateRunnerAsync(RunnerZone);
            Guid earlier = await LoopRuns.UploadAsync(this, key, start.AddDays(-3), "tempo.fit", minutes: 40);
            Guid treadmill = await LoopRuns.UploadAsync(this, key, start.AddDays(-2), "treadmill.fit", minutes: 30, withPositions: false);
            Guid loop = await LoopRuns.UploadAsync(this, key, start, "loop-run.fit");
            foreach (Guid id in new[] { earlier, treadmill, loop })
            {
                await WaitForScoredAsync(id, key);
            }

            JsonElement detail = await GetJsonAsync($"/api/activities/{loop}", key);
            double meters = detail.GetProperty("activity").GetProperty("distanceMeters").GetDouble();
            JsonElement massage = (await GetJsonAsync("/api/runners/me/recommendations", key)).EnumerateArray()
                .First(r => r.GetProperty("kind").GetString() == "massage" && r.GetProperty("activityId").GetGuid() == loop);
            DateTimeOffset due = massage.GetProperty("dueUtc").GetDateTimeOffset();
            Clock.Fixed = due.AddMinutes(5) > Clock.Fixed ? due.AddMinutes(5) : Clock.Fixed;

            using HttpResponseMessage club = await SendAsync(HttpMethod.Post, "/api/clubs", key, JsonContent.Create(new { name = "Riverside Harriers" }));
            club.EnsureSuccessStatusCode();
            Guid clubId = (await club.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid();
            using HttpResponseMessage member = await SendAsync(
                HttpMethod.Post, $"/api/clubs/{clubId}/managed-runners", key, JsonContent.Create(new { name = "New Member", timeZone = "Europe/London" }));
            member.EnsureSuccessStatusCode();

            return new Seed(key, loop, start, start.AddMinutes(50), meters, massage.GetProperty("id").GetGuid(), due);
        }
    }
}
